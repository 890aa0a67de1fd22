import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restores an exercise's files to the shipped stub, from git, keeping a copy of your work; touches no other file.",
        discussion: """
            The shipped stub of a file is its newest version in git history with the most `throw NotAttempted(` stubs. \
            Before it overwrites anything, your files are copied to .workbook/reset-backup/NN-TIME/; the exercise's \
            last grade and hint counter are forgotten, since they were about the work that is gone.
            """)

    @Argument(help: "The exercise number, e.g. 01.")
    var exercise: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.current()
            let lesson = try catalog.select([exercise])[0]
            let tracked = try git(["ls-files", "--", lesson.exerciseDirectory], in: catalog.root).split(separator: "\n").map(String.init)
            guard !tracked.isEmpty else { throw UsageError("git tracks no file in \(lesson.exerciseDirectory)") }
            let stubs = try tracked.map { file in (file, try shippedStub(of: file, in: catalog.root)) }
            let changed = stubs.filter { file, stub in (try? String(contentsOf: catalog.root.appendingPathComponent(file), encoding: .utf8)) != stub }
            let narrator = Narrator()
            guard !changed.isEmpty else {
                narrator.ok("\(lesson.exerciseDirectory) is already as shipped")
                return
            }
            narrator.say("This overwrites, with the shipped stub:")
            changed.forEach { narrator.say("    \($0.0)") }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else { throw UsageError("not on a terminal: pass --yes to confirm the reset") }
                print("Reset \(changed.count) file(s)? Your work in them is lost. [y/N] ", terminator: "")
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                    narrator.say("Nothing changed.")
                    return
                }
            }
            let backup = try Self.backUp(changed.map(\.0), of: lesson, in: catalog)
            for (file, stub) in changed {
                try stub.write(to: catalog.root.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            try Self.forget(lesson, in: catalog)
            narrator.ok("reset \(changed.count) file(s) of exercise \(lesson.number); your version is kept in \(backup)")
            let untracked = catalog.swiftFiles(in: lesson.exerciseDirectory).map { "\(lesson.exerciseDirectory)/\($0)" }.filter { !tracked.contains($0) }
            if !untracked.isEmpty {
                narrator.say("Files of your own in \(lesson.exerciseDirectory), left as they are (they still compile into the exercise):")
                untracked.forEach { narrator.say("    \($0)") }
            }
        }
    }

    /// Copies `files` to a new folder `.workbook/reset-backup/NN-TIME/`, keeping their paths;
    /// answers the folder, relative to the workbook.
    static func backUp(_ files: [String], of lesson: Lesson, in catalog: Catalog) throws -> String {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        var relative = ".workbook/reset-backup/\(lesson.number)-\(stamp)"
        var suffix = 1
        while FileManager.default.fileExists(atPath: catalog.root.appendingPathComponent(relative).path) {
            suffix += 1
            relative = ".workbook/reset-backup/\(lesson.number)-\(stamp)-\(suffix)"
        }
        let folder = catalog.root.appendingPathComponent(relative)
        for file in files {
            let destination = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: catalog.root.appendingPathComponent(file), to: destination)
        }
        return relative + "/"
    }

    /// Forgets the exercise's last grade and how many hints were shown.
    static func forget(_ lesson: Lesson, in catalog: Catalog) throws {
        let memory = Memory(catalog)
        if var grades = memory.read("last-grade.json", as: [ExerciseGrade].self), grades.contains(where: { $0.slug == lesson.slug }) {
            grades.removeAll { $0.slug == lesson.slug }
            try memory.write(grades, to: "last-grade.json")
        }
        if var shown = memory.read("hints.json", as: [String: Int].self), shown[lesson.slug] != nil {
            shown[lesson.slug] = nil
            try memory.write(shown, to: "hints.json")
        }
    }

}
