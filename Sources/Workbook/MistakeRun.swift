import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading
import WorkbookKit

/// `workbook verify --mistakes`: grades each committed mistake as if a student had written it,
/// in one reused private copy, one mistake of each exercise per build.
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
            // One mistake of each exercise at a time, all planted in one submission: an
            // exercise's grade depends only on its own files, and one build then serves them all.
            for round in Mistake.rounds(chosen) {
                let clock = ContinuousClock.now
                let submission = try Mistake.submission(of: round, in: catalog, at: work.appendingPathComponent("submission"))
                let lessons = round.map(\.lesson)
                let copy = try GradingCopy(workbook: catalog, submission: submission, lessons: lessons)
                var grader = Grader(copy: copy, limit: .seconds(timeout))
                let grades = try await grader.grade(lessons, work: work)
                let seconds = Int((ContinuousClock.now - clock).components.seconds)
                for mistake in round {
                    guard let grade = grades.first(where: { $0.slug == mistake.lesson.slug }) else { continue }
                    let failed = grade.checks.filter { $0.status == .failed }
                    let detail =
                        mistake.mustPass
                        ? "\(grade.summary)"
                        : failed.isEmpty ? grade.summary : "\(failed.count) of \(grade.checkCount) checks fail, e.g. \(failed[0].name)"
                    if let problem = mistake.problem(with: grade) {
                        problems.append("\(mistake.folder): \(problem)")
                        narrator.failed("\(mistake.lesson.number) \(mistake.name) — \(problem)")
                    } else {
                        narrator.ok("\(mistake.lesson.number) \(mistake.name) — \(mistake.mustPass ? "passes" : "caught"): \(detail)")
                    }
                }
                narrator.say("  (\(round.count == 1 ? "graded" : "these \(round.count) graded") from one build in \(seconds) s)")
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
