/// How alike two students' solutions are, the way MOSS and JPlag measure it: both are read as
/// tokens with every identifier and literal made the same, so renaming a variable changes
/// nothing; every run of `k` tokens is hashed; winnowing keeps, from every `window` consecutive
/// hashes, the smallest, so that any run of `k + window - 1` shared tokens is certain to show
/// and the order of functions does not matter. The stub's own hashes are removed first: the
/// code every student was given is not evidence of copying. Statements that do nothing are not
/// read (see ``SwiftTokens/withoutDeadStatements(_:)``): a dead line after every statement would
/// otherwise break every run and hide a copy.
package struct Fingerprints {
    /// Tokens per hashed run.
    package static let k = 12
    /// Hashes per winnowing window: any shared run of `k + window - 1` = 19 tokens is found.
    package static let window = 8

    /// The kept hashes, each with the lines of the run it came from.
    package let kept: [UInt64: ClosedRange<Int>]

    /// The fingerprints of `source`, without any hash that also occurs anywhere in `stub`.
    package init(_ source: String, stub: String = "") {
        let tokens = SwiftTokens.withoutDeadStatements(SwiftTokens.read(source))
        let given = Set(Self.hashes(of: SwiftTokens.withoutDeadStatements(SwiftTokens.read(stub))).map(\.hash))
        let runs = Self.hashes(of: tokens)
        var kept: [UInt64: ClosedRange<Int>] = [:]
        if !runs.isEmpty {
            for start in 0...max(0, runs.count - Self.window) {
                let windowed = runs[start..<min(runs.count, start + Self.window)]
                // The smallest hash, the rightmost one on a tie (as the winnowing paper does).
                guard let chosen = windowed.reversed().min(by: { $0.hash < $1.hash }), !given.contains(chosen.hash) else { continue }
                kept[chosen.hash] = kept[chosen.hash] ?? chosen.lines
            }
        }
        self.kept = kept
    }

    /// The fingerprints of several files taken together (a solution in more than one file).
    package init(merging parts: some Sequence<Fingerprints>) {
        kept = parts.reduce(into: [:]) { all, part in all.merge(part.kept) { first, _ in first } }
    }

    /// What the student wrote that the stub did not give them, as a number of fingerprints.
    package var count: Int { kept.count }

    /// The share of the smaller set of fingerprints that the other has too: 1 for a copy, low for
    /// independent work; 0 when either wrote nothing beyond the stub.
    package func similarity(to other: Fingerprints) -> Double {
        let smaller = min(count, other.count)
        guard smaller > 0 else { return 0 }
        return Double(Set(kept.keys).intersection(other.kept.keys).count) / Double(smaller)
    }

    /// The lines of this file that share a fingerprint with `other`, merged into ranges.
    package func sharedLines(with other: Fingerprints) -> [ClosedRange<Int>] {
        let ranges = kept.filter { other.kept[$0.key] != nil }.values.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The hash of every run of `k` tokens, with the lines the run spans.
    private static func hashes(of tokens: [SwiftTokens.Token]) -> [(hash: UInt64, lines: ClosedRange<Int>)] {
        guard tokens.count >= k else { return [] }
        return (0...(tokens.count - k)).map { start in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
            for token in tokens[start..<start + k] {
                for byte in token.text.utf8 {
                    hash ^= UInt64(byte)
                    hash &*= 0x100_0000_01b3
                }
                hash ^= 0xff
                hash &*= 0x100_0000_01b3
            }
            return (hash, tokens[start].line...tokens[start + k - 1].line)
        }
    }
}

/// Swift source as the similarity check reads it: no comments, no spacing; every identifier is
/// `I`, every string `S`, every number `N`; keywords, operators and punctuation as written.
package enum SwiftTokens {
    package struct Token {
        package let text: String
        package let line: Int
        /// The word as written, for an identifier (its `text` is `I`); the text otherwise.
        package var raw: String = ""
    }

    package static let keywords: Set<String> = [
        "actor", "as", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else", "enum",
        "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init", "inout", "is", "let", "mutating",
        "nil", "private", "protocol", "public", "repeat", "return", "self", "Self", "static", "struct", "switch", "throw", "throws",
        "true", "try", "typealias", "var", "where", "while",
    ]

    /// `tokens` without the statements that do nothing, each to the end of its line: a line that
    /// starts with `_ =`, and a line that starts by declaring (`let`, `var`) a name used nowhere
    /// else in the file.
    package static func withoutDeadStatements(_ tokens: [Token]) -> [Token] {
        var uses: [String: Int] = [:]
        for token in tokens where token.text == "I" { uses[token.raw, default: 0] += 1 }
        var kept: [Token] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let startsLine = index == 0 || tokens[index - 1].line != token.line
            let discard = token.raw == "_" && next?.text == "="
            let unused = ["let", "var"].contains(token.text) && next?.text == "I" && uses[next!.raw] == 1
            guard startsLine, discard || unused else {
                kept.append(token)
                index += 1
                continue
            }
            while index < tokens.count && tokens[index].line == token.line { index += 1 }
        }
        return kept
    }

    package static func read(_ source: String) -> [Token] {
        let characters = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var line = 1
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < characters.count ? characters[index + offset] : nil }
        func isIdentifier(_ scalar: Unicode.Scalar) -> Bool { scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) }
        while let scalar = peek() {
            if scalar == "\n" {
                line += 1
                index += 1
            } else if scalar.properties.isWhitespace {
                index += 1
            } else if scalar == "/" && peek(1) == "/" {
                while let next = peek(), next != "\n" { index += 1 }
            } else if scalar == "/" && peek(1) == "*" {
                index += 2
                while index < characters.count && !(peek() == "*" && peek(1) == "/") {
                    if peek() == "\n" { line += 1 }
                    index += 1
                }
                index += 2
            } else if scalar == "\"" {
                let start = line
                let triple = peek(1) == "\"" && peek(2) == "\""
                index += triple ? 3 : 1
                while let next = peek() {
                    if next == "\\" {
                        index += 2
                        continue
                    }
                    if next == "\n" { line += 1 }
                    if triple ? (next == "\"" && peek(1) == "\"" && peek(2) == "\"") : next == "\"" {
                        index += triple ? 3 : 1
                        break
                    }
                    index += 1
                }
                tokens.append(Token(text: "S", line: start))
            } else if ("0"..."9").contains(scalar) {
                while let next = peek(), isIdentifier(next) || next == "." && peek(1).map({ ("0"..."9").contains($0) }) == true { index += 1 }
                tokens.append(Token(text: "N", line: line))
            } else if isIdentifier(scalar) || scalar == "`" || scalar == "#" || scalar == "@" || scalar == "$" {
                var word = String(scalar)
                index += 1
                while let next = peek(), isIdentifier(next) || next == "`" {
                    word.unicodeScalars.append(next)
                    index += 1
                }
                let kept = keywords.contains(word) || word.hasPrefix("#") || word.hasPrefix("@")
                tokens.append(Token(text: kept ? word : "I", line: line, raw: word))
            } else {
                tokens.append(Token(text: String(scalar), line: line))
                index += 1
            }
        }
        return tokens
    }
}
