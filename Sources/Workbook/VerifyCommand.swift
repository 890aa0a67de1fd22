import ArgumentParser
import Foundation
import WorkbookKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "The workbook's own consistency check, which CI runs.",
        discussion: """
            Every lesson has its text, hints, executable, exercise, solution and tests; exercise and \\
            solution have the same files and the same declarations; as shipped every exercise is \\
            reported as not attempted and no student-side check runs; with the solutions copied over \\
            the exercises, every student-side check runs and passes.
            """)

    @Option(help: "Seconds one exercise's tests may take before they are stopped.")
    var timeout = 600

    func run() throws {
        var problems: [String] = []
        try WorkbookCommand.guarded {
            let catalog = try Catalog.current()
            let narrator = Narrator(write: Terminal.writeLine)
            narrator.title("Verifying the workbook at \(catalog.root.path)")
            problems += Structure.problems(in: catalog)
            narrator.step("structure: \(catalog.lessons.count) lessons, \(catalog.exercises.count) exercises")

            narrator.step("as shipped: grading every exercise…")
            let work = try temporaryFolder("verify")
            defer { try? FileManager.default.removeItem(at: work) }
            let shipped = try Grader(checkout: catalog.root, scratch: nil, limit: .seconds(timeout)).grade(catalog.exercises, work: work)
            for grade in shipped {
                if grade.state != .notAttempted { problems.append("as shipped, exercise \(grade.number) is \(grade.summary), not \"not attempted\"") }
                if grade.checks.isEmpty { problems.append("exercise \(grade.number) has no graded check") }
                if grade.checks.contains(where: { $0.status != .notRun }) { problems.append("as shipped, a student-side check of exercise \(grade.number) ran") }
            }

            narrator.step("solved: grading with Solutions/ copied over Exercises/…")
            let solved = try temporaryFolder("solved")
            defer { try? FileManager.default.removeItem(at: solved) }
            for lesson in catalog.exercises {
                try FileManager.default.createDirectory(at: solved.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
                try FileManager.default.copyItem(
                    at: catalog.root.appendingPathComponent(lesson.solutionDirectory), to: solved.appendingPathComponent(lesson.exerciseDirectory))
            }
            let copy = try GradingCopy(workbook: catalog, submission: solved, lessons: catalog.exercises)
            let grades = try Grader(checkout: copy.checkout, scratch: copy.scratch, limit: .seconds(timeout)).grade(catalog.exercises, work: work)
            var known = KnownChecks(Memory(catalog))
            known.learn(from: grades)
            try known.save()
            for grade in grades {
                if grade.state != .graded || grade.points != grade.maxPoints {
                    problems.append("with the solutions copied in, exercise \(grade.number) is \(grade.summary)")
                    grade.checks.filter { $0.status != .passed }.forEach { problems.append("  \($0.status): \($0.name)") }
                }
            }
            for grade in shipped + grades {
                grade.referenceFailures.forEach { problems.append("exercise \(grade.number): the reference fails \"\($0)\"") }
            }
            let checks = grades.map(\.maxPoints).reduce(0, +)
            if problems.isEmpty {
                narrator.ok("\(catalog.exercises.count) exercises: not attempted as shipped; all \(checks) student-side checks pass with the solutions")
            } else {
                problems.forEach { narrator.failed($0) }
            }
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}

/// The workbook's layout rules, checked from the files.
enum Structure {
    static func problems(in catalog: Catalog) -> [String] {
        var problems: [String] = []
        let manager = FileManager.default
        let manifest = (try? String(contentsOf: catalog.root.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        for lesson in catalog.lessons {
            let folder = "Lessons/\(lesson.slug)"
            for file in ["README.md", "hints.md"] where !manager.fileExists(atPath: catalog.root.appendingPathComponent("\(folder)/\(file)").path) {
                problems.append("\(folder) has no \(file)")
            }
            if HintCommand.hints(in: (try? String(contentsOf: catalog.root.appendingPathComponent(lesson.hintsFile), encoding: .utf8)) ?? "").isEmpty {
                problems.append("\(lesson.hintsFile) has no \"## Hint N\" section")
            }
            if !manifest.contains(".executable(name: \"\(lesson.executable)\"") {
                problems.append("Package.swift has no executable product \(lesson.executable)")
            }
            for directory in [lesson.exerciseDirectory, lesson.solutionDirectory, "Tests/\(lesson.slug)"]
            where !manager.fileExists(atPath: catalog.root.appendingPathComponent(directory).path) {
                problems.append("lesson \(lesson.number) has no \(directory)")
            }
            let exercise = catalog.swiftFiles(in: lesson.exerciseDirectory)
            let solution = catalog.swiftFiles(in: lesson.solutionDirectory)
            if exercise != solution {
                problems.append("\(lesson.exerciseDirectory) and \(lesson.solutionDirectory) hold different files: \(exercise) vs \(solution)")
                continue
            }
            for file in exercise {
                let stub = (try? String(contentsOf: catalog.root.appendingPathComponent("\(lesson.exerciseDirectory)/\(file)"), encoding: .utf8)) ?? ""
                let reference = (try? String(contentsOf: catalog.root.appendingPathComponent("\(lesson.solutionDirectory)/\(file)"), encoding: .utf8)) ?? ""
                if Declarations.skeleton(of: stub) != Declarations.skeleton(of: reference) {
                    problems.append("\(file) of exercise \(lesson.number): the exercise and the solution differ outside function bodies")
                }
                if reference.contains("NotAttempted(") { problems.append("\(lesson.solutionDirectory)/\(file) still throws NotAttempted") }
                if !stub.contains("throw NotAttempted(") { problems.append("\(lesson.exerciseDirectory)/\(file) has no stub") }
            }
        }
        return problems
    }
}

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
