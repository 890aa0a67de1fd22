import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading

/// `swift run workbook …`: grading, progress, hints, reset, and the instructor's diff and exports.
@main
struct WorkbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Grades the exercises, shows progress and hints, resets an exercise, diffs against the reference.",
        subcommands: [
            ListCommand.self, GradeCommand.self, HintCommand.self, ResetCommand.self, DiffCommand.self, VerifyCommand.self, BenchCommand.self,
            NewLessonCommand.self, SimilarityCommand.self, AutograderCommand.self, SiteCommand.self, EditionCommand.self,
        ])

    /// Runs `body`, turning a usage mistake into a one-line message and exit code 64.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as UsageError {
            Terminal.printError("workbook: \(error.description)")
            throw ExitCode(64)
        } catch let error as CocoaError {
            Terminal.printError("workbook: \(Self.explain(error))")
            throw ExitCode(1)
        }
    }

    /// A file error in one line a person reads: what could not be done, to which path, and why —
    /// not Foundation's NSCocoaErrorDomain dump.
    static func explain(_ error: CocoaError) -> String {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.filePath ?? "a file"
        let destination = error.userInfo["NSDestinationFilePath"] as? String
        let reason: String
        switch error.code {
        case .fileWriteFileExists: reason = "something is already there"
        case .fileNoSuchFile, .fileReadNoSuchFile: reason = "its folder does not exist"
        case .fileWriteNoPermission, .fileReadNoPermission: reason = "permission denied"
        case .fileWriteOutOfSpace: reason = "the disk is full"
        case .fileWriteVolumeReadOnly: reason = "the disk is read-only"
        default: reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
        }
        return "cannot write \(destination ?? path): \(reason)"
    }

    /// `guarded` for the commands that start processes and make temporary folders: Ctrl-C
    /// (SIGINT, SIGTERM, SIGHUP) stops the running `swift test` or build with its whole process
    /// group, removes every temporary folder, and exits 130 (143, 129); see `Interruption`.
    static func guarded(_ name: String, _ body: sending @escaping () async throws -> Void) async throws {
        try await Interruption.run(
            name,
            {
                do {
                    try await body()
                } catch let error as UsageError {
                    Terminal.printError("workbook: \(error.description)")
                    throw ExitCode(64)
                } catch let error as CocoaError {
                    Terminal.printError("workbook: \(explain(error))")
                    throw ExitCode(1)
                }
            },
            cleanup: {
                for folder in temporaryFolders.withLock({ $0 }) { try? FileManager.default.removeItem(at: folder) }
            })
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every lesson, how to run it, and its exercise's state at the last grade.")

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.current()
            let grades = Memory(catalog).read("last-grade.json", as: [ExerciseGrade].self) ?? []
            let rows = catalog.lessons.map { lesson -> [String] in
                let grade = grades.first { $0.slug == lesson.slug }
                let stale = grade.map { $0.fingerprint != catalog.fingerprint(of: lesson) } ?? false
                let state =
                    grade.map { stale ? "\($0.summary), stale: changed since; swift run workbook grade \(lesson.number)" : $0.summary }
                    ?? (catalog.exercises.contains(lesson) ? "not graded yet: swift run workbook grade \(lesson.number)" : "no exercise")
                return [lesson.number, lesson.title, "swift run \(lesson.executable)", state]
            }
            Narrator().table(["#", "lesson", "run it", "exercise"], rows)
        }
    }
}
