import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookExports
import WorkbookGrading

/// `workbook edition --output DIR`: the workbook to give students, without the answers.
struct EditionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edition",
        abstract: "Write the student edition: the workbook without Solutions/, the committed mistakes, the contract tables and the instructor's notes.",
        discussion: """
            The student edition builds and runs as it is: its lessons run the student's own code \
            (as --mine does here), and `swift test` runs every check that does not compare with the \
            reference solution; those that do are left to the grade you run on your own copy \
            (`workbook grade --student`, Gradescope or the Actions workflow). Push the folder to \
            the repository students clone or use as a template; course.md says more.
            """)

    @Option(help: "The folder to write: it must not exist yet, and must be outside this checkout.")
    var output: String

    @Flag(help: "Write the edition from the files as they are on disk, uncommitted changes included, instead of from git's HEAD.")
    var fromWorkingTree = false

    @Flag(help: "Leave out each lesson's recorded run of the reference (made from this checkout's built lessons).")
    var withoutRecordedRuns = false

    func run() async throws {
        try await WorkbookCommand.guarded("workbook edition") {
            let catalog = try Catalog.withSolutions(for: "workbook edition")
            let manager = FileManager.default
            let destination = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: manager.currentDirectoryPath)).standardizedFileURL
            guard !manager.fileExists(atPath: destination.path) else { throw UsageError("\(destination.path) already exists; nothing was written") }
            guard !(destination.path + "/").hasPrefix(catalog.root.standardizedFileURL.path + "/") else {
                throw UsageError("write the student edition outside this checkout (SwiftPM would read it as part of the package): \(destination.path)")
            }
            let source = try EditionSource(catalog: catalog, fromWorkingTree: fromWorkingTree)
            defer { source.remove() }
            let all = source.files
            let kept = all.filter(StudentEdition.keeps)
            // Written beside the destination and moved into place whole: a failure leaves no half edition.
            let partial = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
            defer { try? manager.removeItem(at: partial) }
            for file in kept {
                let target = partial.appendingPathComponent(file)
                if let edit = StudentEdition.edit(for: file) {
                    let text = try String(contentsOf: source.root.appendingPathComponent(file), encoding: .utf8)
                    try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try edit(text).write(to: target, atomically: true, encoding: .utf8)
                } else {
                    try GradingCopy.copyIfChanged(source.root.appendingPathComponent(file), to: target)
                }
            }
            let narrator = Narrator(write: Terminal.writeLine)
            var recordings = ""
            if !withoutRecordedRuns {
                let runs = try await RecordedRuns.record(catalog, into: partial, commit: source.commit, narrator: narrator)
                recordings = "; each lesson's run of the reference recorded (\(runs.recorded.count) of \(catalog.lessons.count))"
                for missed in runs.missed { narrator.failed("not recorded: \(missed)") }
            }
            try manager.moveItem(at: partial, to: destination)
            let left = all.count - kept.count
            narrator.say(source.description)
            for file in source.notShipped.prefix(20) { narrator.say("  not in the edition: \(file)") }
            if source.notShipped.count > 20 { narrator.say("  … and \(source.notShipped.count - 20) more (git status lists them)") }
            narrator.ok(
                "wrote the student edition to \(destination.path): \(kept.count) files; \(left) left out (Solutions/, the mistakes, the contract tables, the course's CI and the workbook's own tests); course.md without its section for instructors, README.md with a note on the edition\(recordings)"
            )
        }
    }
}
