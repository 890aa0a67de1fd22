import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookExports
import WorkbookGrading

/// `workbook autograder classroom --repository OWNER/NAME`: the GitHub Actions workflow that
/// grades a student's repository (the one GitHub Classroom ran, before it was sunset).
struct ClassroomAutograder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classroom",
        abstract: "Write the GitHub Actions workflow that grades a student's repository: .github/workflows/grade.yml.",
        discussion: """
            Commit the file to the repository students start from. On every push it grades the \
            student's Exercises/ with this workbook as it is at --ref in --repository (its tests and \
            grading.json, not the student's copies), one step per exercise; the points are the run's \
            summary and the files of the grade its `grades` artefact. GitHub Classroom, which ran such \
            workflows, has been sunset; none of it is needed. course.md says how to set it up.
            """)

    @OptionGroup var grading: AutograderOptions

    @Option(help: "The GitHub repository (OWNER/NAME) of the workbook that grades: yours, with your grading.json.")
    var repository: String

    @Option(help: "The commit, tag or branch of --repository to grade with (default: this checkout's commit).")
    var ref: String?

    @Option(help: "Where to write the workflow.")
    var output = ".github/workflows/grade.yml"

    @Option(help: "The tag of Swift's official Docker image the job runs in.")
    var swiftVersion = "6.3.1"

    func validate() throws {
        guard repository.wholeMatch(of: /[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/) != nil else {
            throw ValidationError("--repository is OWNER/NAME on GitHub, e.g. my-school/monolith-first")
        }
        guard output.hasSuffix(".yml") || output.hasSuffix(".yaml") else { throw ValidationError("--output names a .yml file") }
        if let ref, ref.isEmpty || ref.contains(where: { $0.isWhitespace || $0 == ":" }) { throw ValidationError("--ref is a commit, tag or branch name") }
    }

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.withSolutions(for: "workbook autograder classroom")
            let lessons = try catalog.select(grading.exercises)
            let timeout = grading.timeout
            _ = try Scoring(catalog: catalog)
            let head = try? git(["rev-parse", "HEAD"], in: catalog.root).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let commit = ref ?? head, !commit.isEmpty else { throw UsageError("this checkout has no commit to grade with: commit it, or pass --ref") }
            let resolved = try? String(contentsOf: catalog.root.appendingPathComponent("Package.resolved"), encoding: .utf8)
            let workflow = ClassroomWorkflow(
                repository: repository, ref: commit, exercises: lessons, timeout: timeout, swiftVersion: swiftVersion, resolved: resolved)
            let file = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try workflow.text.write(to: file, atomically: true, encoding: .utf8)
            Narrator(write: Terminal.writeLine).ok(
                "wrote \(file.path): exercise(s) \(lessons.map(\.number).joined(separator: ", ")) graded with \(repository)@\(commit), \(timeout) s each"
            )
            let changed = (try? git(["status", "--porcelain", "--", "Lessons", "Tests", "Solutions", "Sources", "Package.swift"], in: catalog.root)) ?? ""
            if ref == nil && !changed.isEmpty {
                Narrator(write: Terminal.writeLine).say(
                    "  this checkout has changes not in \(commit.prefix(12)): commit and push them, then write the workflow again")
            }
        }
    }
}
