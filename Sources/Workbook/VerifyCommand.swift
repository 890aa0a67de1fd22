import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading
import WorkbookKit

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "The workbook's own consistency check, which CI runs.",
        discussion: """
            Every lesson has its text, hints, executable, exercise, solution and tests; exercise and \
            solution have the same files and the same declarations; as shipped every exercise is \
            reported as not attempted and no student-side check runs; with the solutions copied over \
            the exercises, every student-side check runs and passes.
            """)

    @Option(parsing: .unconditional, help: "Seconds one exercise's tests may take before they are stopped.")
    var timeout = 600

    @Flag(help: "Instead: grade every committed mistake (Tests/NN-slug/Mistakes/NAME): each must fail a check, each correct-… variant must pass.")
    var mistakes = false

    @Option(parsing: .unconditional, help: "With --mistakes: run only this many mistakes of each exercise (and every correct variant), chosen by --pick.")
    var sample: Int?

    @Option(help: "With --sample: the key that chooses the sample (CI passes the commit hash).")
    var pick = "0"

    @Flag(name: .customLong("layout-only"), help: "Instead: check only the layout (files, names, Package.swift's lesson lines), which takes a second.")
    var layoutOnly = false

    @Argument(help: "With --mistakes: the exercises (\"1\", \"01\"); all when none is named.")
    var exercises: [String] = []

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if !mistakes && (sample != nil || !exercises.isEmpty) { throw ValidationError("--sample and exercise numbers go with --mistakes") }
    }

    func run() async throws {
        if mistakes { return try await MistakeRun(timeout: timeout, sample: sample, pick: pick, exercises: exercises).run() }
        if layoutOnly {
            var problems: [String] = []
            try WorkbookCommand.guarded {
                let catalog = try Catalog.withSolutions(for: "workbook verify")
                problems = Structure.problems(in: catalog)
                problems.forEach { Terminal.printError("✗ \($0)") }
                if problems.isEmpty {
                    Terminal.writeLine("✓ layout: \(catalog.lessons.count) lessons, \(catalog.exercises.count) exercises, every rule kept")
                }
            }
            guard problems.isEmpty else { throw ExitCode.failure }
            return
        }
        let found = Locked<[String]>([])
        try await WorkbookCommand.guarded("workbook verify") {
            var problems: [String] = []
            defer { found.withLock { $0 = problems } }
            let catalog = try Catalog.withSolutions(for: "workbook verify")
            let narrator = Narrator(write: Terminal.writeLine)
            narrator.title("Verifying the workbook at \(catalog.root.path)")
            problems += Structure.problems(in: catalog)
            narrator.step("structure: \(catalog.lessons.count) lessons, \(catalog.exercises.count) exercises")

            narrator.step("as shipped: grading every exercise…")
            let work = try temporaryFolder("verify")
            defer { try? FileManager.default.removeItem(at: work) }
            let shipped = try await Grader(checkout: catalog.root, scratch: nil, limit: .seconds(timeout)).grade(catalog.exercises, work: work)
            for grade in shipped {
                if grade.state != .notAttempted { problems.append("as shipped, exercise \(grade.number) is \(grade.summary), not \"not attempted\"") }
                if grade.checks.isEmpty { problems.append("exercise \(grade.number) has no graded check") }
                if grade.checks.contains(where: { $0.status != .notRun }) {
                    problems.append("as shipped, a student-side check of exercise \(grade.number) ran")
                }
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
            var grader = Grader(copy: copy, limit: .seconds(timeout))
            grader.buildsLessons = true  // CI runs the solved lessons from this build
            let grades = try await grader.grade(catalog.exercises, work: work)
            var known = KnownChecks(Memory(catalog))
            known.learn(from: grades)
            try known.save()
            for grade in grades {
                if grade.state != .graded || grade.passedCount != grade.checkCount {
                    problems.append("with the solutions copied in, exercise \(grade.number) is \(grade.summary)")
                    grade.checks.filter { $0.status != .passed }.forEach { problems.append("  \($0.status): \($0.name)") }
                }
            }
            for grade in shipped + grades {
                grade.referenceFailures.forEach { problems.append("exercise \(grade.number): the reference fails \"\($0)\"") }
            }
            narrator.step("coverage: what the graded checks ran of Solutions/ (llvm-cov)…")
            let coverage = try await ReferenceCoverage.measure(catalog.exercises, with: grader, work: work)
            for file in coverage.files {
                let percent = file.lines == 0 ? 100 : file.covered * 100 / file.lines
                let line = "\(file.path): \(file.covered) of \(file.lines) lines run by the graded checks (\(percent)%)"
                if file.complete {
                    narrator.ok(line)
                } else {
                    narrator.failed(line + "; regions never run start at line(s) \(file.unrun.map(String.init).joined(separator: ", "))")
                    problems.append("\(file.path) is not fully run by its checks")
                }
            }
            if coverage.files.isEmpty { problems.append("the coverage report names no file under Solutions/") }
            let checks = grades.map(\.checkCount).reduce(0, +)
            if problems.isEmpty {
                narrator.ok("\(catalog.exercises.count) exercises: not attempted as shipped; all \(checks) student-side checks pass with the solutions")
            } else {
                problems.forEach { narrator.failed($0) }
            }
        }
        if !found.withLock({ $0 }).isEmpty { throw ExitCode.failure }
    }
}
