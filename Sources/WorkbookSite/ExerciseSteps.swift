import WorkbookCatalog

/// An exercise file as it grows, for the course site's code steps: the stub as shipped, then one
/// step per stubbed function, in file order, with that function's body taken from the solution
/// and the stub's TODO lines for it as the step's text. Nothing is written for the site alone.
/// Without solutions (a site for students), every step shows the stub and says what is to do.
package enum ExerciseSteps {
    package struct Step: Equatable {
        package let text: String
        package let code: String
    }

    package static func steps(stub: String, solution: String, file: String, withSolutions: Bool = true) throws -> [Step] {
        let stubBodies = Declarations.bodies(of: stub)
        let solutionBodies = Declarations.bodies(of: solution)
        guard stubBodies.count == solutionBodies.count else {
            throw UsageError("\(file): the exercise and the solution have different functions")
        }
        let stubCharacters = Array(stub)
        let solutionCharacters = Array(solution)
        var steps = [
            Step(
                text: "`\(file)` as shipped: the whole signature, the contract in its doc comment, and the steps as `// TODO` comments.",
                code: stub)
        ]
        var filled = Set<Int>()
        for (index, body) in stubBodies.enumerated() where String(stubCharacters[body]).contains("throw NotAttempted(") {
            filled.insert(index)
            var code: [Character] = []
            var cursor = 0
            for (other, range) in stubBodies.enumerated() {
                code += stubCharacters[cursor..<range.lowerBound]
                code += filled.contains(other) ? solutionCharacters[solutionBodies[other]] : stubCharacters[range]
                cursor = range.upperBound
            }
            code += stubCharacters[cursor...]
            let name = functionName(before: body.lowerBound, in: stubCharacters)
            let todos = Self.todos(in: String(stubCharacters[body]))
            if withSolutions {
                steps.append(Step(text: "`\(name)`" + (todos.isEmpty ? ", done." : ", done: " + todos), code: String(code)))
            } else {
                steps.append(Step(text: "`\(name)`, to do" + (todos.isEmpty ? "." : ": " + todos), code: stub))
            }
        }
        return steps
    }

    /// The TODO comments of a stub's body as one text: "1. … 2. …".
    package static func todos(in body: String) -> String {
        var items: [String] = []
        for line in body.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where line.hasPrefix("//") {
            let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("TODO:") {
                items.append(String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces))
            } else if !items.isEmpty {
                items[items.count - 1] += " " + text
            }
        }
        return items.joined(separator: " ")
    }

    /// `placeOrder(_:in:)`'s first part, `placeOrder`: the name after the last `func ` (or `init`)
    /// before the body.
    private static func functionName(before body: Int, in characters: [Character]) -> String {
        let head = String(characters[..<body])
        guard let declaration = head.ranges(of: /\b(func\s+|init)/).last else { return "init" }
        let rest = head[declaration.lowerBound...].replacing(/^func\s+/, with: "")
        return String(rest.prefix { $0 != "(" && $0 != "<" })
    }
}
