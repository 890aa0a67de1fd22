import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "The student's exercise against the reference solution, as a unified diff.")

    @Argument(help: "The exercise number, e.g. 01.")
    var exercise: String

    @Option(help: "Another student's checkout, compared with this checkout's Solutions/.")
    var student: String?

    @Flag(help: "Only how many lines changed, per file.")
    var stat = false

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.withSolutions(for: "workbook diff")
            let lesson = try catalog.select([exercise])[0]
            let base = student.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? catalog.root
            let theirs = base.appendingPathComponent(lesson.exerciseDirectory)
            guard FileManager.default.fileExists(atPath: theirs.path) else {
                throw UsageError("\(theirs.path) does not exist\(student == nil ? "" : ": is \(student!) a student checkout?")")
            }
            let arguments =
                ["diff", "--no-index", Terminal.wantsColour ? "--color=always" : "--no-color"] + (stat ? ["--stat"] : [])
                + [catalog.root.appendingPathComponent(lesson.solutionDirectory).path, theirs.path]
            let output = try git(arguments, in: catalog.root, allowing: [0, 1])
            if output.isEmpty {
                Narrator().say("No difference: \(lesson.exerciseDirectory) is the reference solution.")
            } else {
                print(output, terminator: "")
            }
        }
    }
}
