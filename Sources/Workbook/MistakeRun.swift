import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading
import WorkbookKit

/// `workbook verify --mistakes`: grades each committed mistake as if a student had written it,
/// in one reused private copy, so that each costs only the rebuild of its own exercise.
struct MistakeRun {
    let timeout: Int
    let sample: Int?
    let pick: String
    let exercises: [String]

    func run() async throws {
        let found = Locked<[String]>([])
        try await WorkbookCommand.guarded("workbook verify --mistakes") {
            var problems: [String] = []
            defer { found.withLock { $0 = problems } }
            let catalog = try Catalog.withSolutions(for: "workbook verify --mistakes")
            let narrator = Narrator(write: Terminal.writeLine)
            let all = Mistake.all(of: try catalog.select(exercises), in: catalog)
            let chosen = sample.map { Mistake.sample(all, perExercise: $0, key: pick) } ?? all
            narrator.title("Grading \(chosen.count) of \(all.count) committed mistakes and correct variants")
            let work = try temporaryFolder("mistakes")
            defer { try? FileManager.default.removeItem(at: work) }
            let started = ContinuousClock.now
            for mistake in chosen {
                let clock = ContinuousClock.now
                let submission = try mistake.submission(in: catalog, at: work.appendingPathComponent("submission"))
                let copy = try GradingCopy(workbook: catalog, submission: submission, lessons: [mistake.lesson])
                var grader = Grader(checkout: copy.checkout, scratch: copy.scratch, limit: .seconds(timeout))
                grader.coverage = true  // the same build as `workbook verify`'s, so nothing is rebuilt for the flag
                guard let grade = try await grader.grade([mistake.lesson], work: work).first else { continue }
                let seconds = Int((ContinuousClock.now - clock).components.seconds)
                let failed = grade.checks.filter { $0.status == .failed }
                let detail =
                    mistake.mustPass
                    ? "\(grade.summary)"
                    : failed.isEmpty ? grade.summary : "\(failed.count) of \(grade.checkCount) checks fail, e.g. \(failed[0].name)"
                if let problem = mistake.problem(with: grade) {
                    problems.append("\(mistake.folder): \(problem)")
                    narrator.failed("\(mistake.lesson.number) \(mistake.name) — \(problem) (\(seconds) s)")
                } else {
                    narrator.ok("\(mistake.lesson.number) \(mistake.name) — \(mistake.mustPass ? "passes" : "caught"): \(detail) (\(seconds) s)")
                }
            }
            let total = Int((ContinuousClock.now - started).components.seconds)
            if problems.isEmpty {
                narrator.ok("every mistake failed a check and every correct variant passed (\(chosen.count) in \(total) s)")
            } else {
                narrator.failed("\(problems.count) of \(chosen.count) did not grade as they should (\(total) s):")
                problems.forEach { narrator.failed("  \($0)") }
            }
        }
        if !found.withLock({ $0 }).isEmpty { throw ExitCode.failure }
    }
}
