import Foundation
import LessonKit
import WorkbookCatalog

/// The grade as a student reads it: per exercise a table of checks, the failures, the total.
package struct GradeReport {
    package let narrator: Narrator
    /// Exercises (by slug) whose checks also run on PostgreSQL when `DATABASE_URL` is set, and
    /// were not run on it here.
    package var postgresNotRun: Set<String> = []
    /// What each check is worth (`Lessons/NN-slug/grading.json`).
    package var scoring = Scoring()

    package init(narrator: Narrator, postgresNotRun: Set<String> = [], scoring: Scoring = Scoring()) {
        self.narrator = narrator
        self.postgresNotRun = postgresNotRun
        self.scoring = scoring
    }

    /// A report for grades taken in this environment: without a PostgreSQL `DATABASE_URL`, it
    /// says which of `lessons` were graded on SQLite only.
    package init(narrator: Narrator, catalog: Catalog, lessons: [Lesson], scoring: Scoring) {
        let onPostgres = ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true
        self.init(
            narrator: narrator, postgresNotRun: onPostgres ? [] : Set(lessons.filter { catalog.hasPostgresChecks($0) }.map(\.slug)), scoring: scoring)
    }

    package func show(_ grades: [ExerciseGrade]) {
        for grade in grades {
            narrator.say("")
            narrator.say("Exercise \(grade.number) · \(grade.title): \(grade.summary)")
            if !grade.referenceFailures.isEmpty {
                narrator.failed("the reference solution fails \(grade.referenceFailures.count) check(s) here, so this grade is not fair:")
                narrator.say("    the environment is broken (is the server DATABASE_URL names up?) or the workbook is; `swift run workbook verify` says which")
            }
            switch grade.state {
            case .notAttempted:
                narrator.say("  open Exercises/\(grade.slug)/ and replace a stub; hints: swift run workbook hint \(grade.number)")
            case .crashed(let lines):
                narrator.failed("why it crashed:")
                lines.forEach { narrator.say("    " + $0) }
            case .doesNotCompile(let lines), .timedOut(let lines):
                narrator.failed("last lines of output:")
                lines.forEach { narrator.say("    " + $0) }
            case .refused(let reasons):
                narrator.failed("refused, so none of its checks ran:")
                reasons.forEach { narrator.say("    " + $0) }
            case .incomplete(_, _, let lines):
                narrator.failed("the checks' process did not report every check; what it did not report scores 0:")
                lines.forEach { narrator.say("    " + $0) }
            case .graded, .notGraded:
                break
            }
            if !grade.checks.isEmpty {
                narrator.table(
                    ["", "check", "points"],
                    scoring.scoredChecks([grade]).map { scored in
                        [
                            scored.passed ? "✓" : scored.check.status == .failed ? "✗" : "–", scored.check.name,
                            "\(Scoring.text(scored.earned))/\(Scoring.text(scored.worth))",
                        ]
                    })
            }
            for check in grade.checks where check.status == .failed {
                narrator.failed(check.name)
                (check.message ?? "").split(separator: "\n").prefix(40).forEach { narrator.say("    " + $0) }
            }
            if postgresNotRun.contains(grade.slug) && grade.attempted {
                narrator.say("  graded on SQLite only: these checks also run on PostgreSQL when DATABASE_URL names a server,")
                narrator.say("  as in CI and maybe your instructor's grade; SQL that SQLite accepts can still fail there")
            }
        }
        let total = scoring.score(grades)
        narrator.say("")
        narrator.say("Total: \(Scoring.text(total.earned)) of \(Scoring.text(total.available)) points")
    }
}
