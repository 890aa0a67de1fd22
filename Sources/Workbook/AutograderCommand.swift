import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookExports
import WorkbookGrading

/// `workbook autograder`: the workbook packaged for a grading platform.
struct AutograderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autograder", abstract: "Package the workbook's grading for a platform (Gradescope, GitHub Classroom).",
        subcommands: [GradescopeAutograder.self, ClassroomAutograder.self])
}

/// What every platform's autograder grades: which exercises, and each one's time limit.
struct AutograderOptions: ParsableArguments {
    @Argument(help: "Exercise numbers to grade (e.g. 01 3); all exercises when none is given.")
    var exercises: [String] = []

    @Option(parsing: .unconditional, help: "Seconds one exercise's tests may take before they are stopped.")
    var timeout = 300

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }
}

/// `workbook autograder gradescope --output autograder.zip`: the zip an instructor uploads.
struct GradescopeAutograder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradescope",
        abstract: "Write the autograder zip Gradescope expects: setup.sh, run_autograder and the workbook.",
        discussion: """
            setup.sh installs the system packages and a Swift toolchain on Gradescope's Ubuntu 22.04 \
            image and builds the workbook once; run_autograder grades each submission's Exercises/ \
            with the same isolation and time limit as `workbook grade --student`, and writes \
            /autograder/results/results.json. Upload the zip as the assignment's autograder \
            (course.md says which settings to choose).
            """)

    @OptionGroup var grading: AutograderOptions

    @Option(help: "Where to write the zip.")
    var output = "autograder.zip"

    @Option(help: "The Swift toolchain setup.sh installs when the image has none.")
    var swiftVersion = "6.3.1"

    func validate() throws {
        guard output.hasSuffix(".zip") else { throw ValidationError("--output names the zip to write, e.g. autograder.zip") }
    }

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.withSolutions(for: "workbook autograder gradescope")
            let lessons = try catalog.select(grading.exercises)
            let timeout = grading.timeout
            let staging = try temporaryFolder("autograder")
            defer { try? FileManager.default.removeItem(at: staging) }
            let scripts = [
                ("setup.sh", GradescopeScripts.setup(swiftVersion: swiftVersion)),
                ("run_autograder", GradescopeScripts.runAutograder(exercises: lessons.map(\.number), timeout: timeout)),
            ]
            for (name, text) in scripts {
                let file = staging.appendingPathComponent(name)
                try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            }
            // With the dependency versions this checkout resolved (git ignores the file): a
            // release mid-term changes nothing in Gradescope's build.
            let resolved = FileManager.default.fileExists(atPath: catalog.root.appendingPathComponent("Package.resolved").path)
            let files = try GradingCopy.workbookFiles(of: catalog.root) + (resolved ? ["Package.resolved"] : [])
            let workbook = staging.appendingPathComponent("workbook")
            for file in files {
                try GradingCopy.copyIfChanged(catalog.root.appendingPathComponent(file), to: workbook.appendingPathComponent(file))
            }
            let zip = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            try? FileManager.default.removeItem(at: zip)
            let zipped = try shortCommand(["zip", "-qry", zip.path, "."], in: staging)
            guard zipped.status == 0 else { throw UsageError("zip could not write \(zip.path): \(zipped.output)\(zipped.errors)") }
            Narrator(write: Terminal.writeLine).ok(
                "wrote \(zip.path): setup.sh, run_autograder and the workbook (\(files.count) files), grading exercise(s) \(lessons.map(\.number).joined(separator: ", ")) with a \(timeout) s limit each"
            )
        }
    }
}
