/// A Swift file with every function body emptied: what must be the same in an exercise and its solution.
enum Declarations {
    static func skeleton(of source: String) -> String {
        let characters = Array(source)
        var output: [Character] = []
        var index = 0
        while index < characters.count {
            if startsDeclaration(characters, at: index), let open = bodyStart(characters, from: index) {
                output += characters[index...open]
                var depth = 1
                var cursor = open + 1
                while cursor < characters.count && depth > 0 {
                    if characters[cursor] == "{" { depth += 1 } else if characters[cursor] == "}" { depth -= 1 }
                    cursor += 1
                }
                output.append("}")
                index = cursor
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return String(output).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
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
