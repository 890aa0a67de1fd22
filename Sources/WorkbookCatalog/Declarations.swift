/// A Swift file with every function body emptied: what must be the same in an exercise and its solution.
package enum Declarations {
    package static func skeleton(of source: String) -> String {
        let characters = Array(source)
        var output: [Character] = []
        var index = 0
        for body in bodies(of: source) {
            output += characters[index..<body.lowerBound] + ["{", "}"]
            index = body.upperBound
        }
        output += characters[index...]
        return String(output).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Where each function's body is, from its `{` to its `}` included, in order (in characters);
    /// a function declared inside another's body is part of that body.
    package static func bodies(of source: String) -> [Range<Int>] {
        let characters = Array(source)
        var bodies: [Range<Int>] = []
        var index = 0
        while index < characters.count {
            if startsDeclaration(characters, at: index), let open = bodyStart(characters, from: index) {
                var depth = 1
                var cursor = open + 1
                while cursor < characters.count && depth > 0 {
                    if characters[cursor] == "{" { depth += 1 } else if characters[cursor] == "}" { depth -= 1 }
                    cursor += 1
                }
                bodies.append(open..<cursor)
                index = cursor
            } else {
                index += 1
            }
        }
        return bodies
    }

    /// `func ` or `init(` at the start of a word.
    private static func startsDeclaration(_ characters: [Character], at index: Int) -> Bool {
        guard index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber) else { return false }
        let rest = String(characters[index..<min(index + 5, characters.count)])
        return rest == "func " || rest.hasPrefix("init(") || rest.hasPrefix("init<")
    }

    /// The `{` that opens the body, if the declaration has one before the next `}` or `;`.
    private static func bodyStart(_ characters: [Character], from index: Int) -> Int? {
        var cursor = index
        while cursor < characters.count {
            if characters[cursor] == "{" { return cursor }
            if characters[cursor] == "}" { return nil }
            cursor += 1
        }
        return nil
    }
}
