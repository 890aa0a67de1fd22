import Foundation
import WorkbookGrading

extension Exports {
    /// GitHub Classroom's runner result, as its grading reporter
    /// (classroom-resources/autograding-grading-reporter) reads it from a step's output, base64
    /// encoded: a status, the points available, and per check its status, points and message.
    /// Classroom's grade is the sum of the checks' `score` over the sum of `max_score`.
    package static func classroomJSON(_ grades: [ExerciseGrade], scoring: Scoring = Scoring()) throws -> Data {
        struct Test: Encodable {
            package let name: String
            package let status: String
            package let score: Double
            package let message: String
            package let test_code: String
            package let filename: String
            package let line_no: Int
            package let execution_time: String
        }
        struct Runner: Encodable {
            package let version: Int
            package let status: String
            package let max_score: Double
            package let tests: [Test]
        }
        let tests = scoring.scoredChecks(grades).map { scored in
            Test(
                name: scored.name, status: scored.passed ? "pass" : "fail", score: scored.earned, message: scored.message,
                test_code: "swift run workbook grade \(scored.grade.number)", filename: scored.grade.slug, line_no: 0,
                execution_time: String(format: "%.2fs", scored.check.seconds ?? 0))
        }
        let broken = grades.contains { grade in
            if case .notGraded = grade.state { return true }
            return grade.broken
        }
        let status = broken ? "error" : grades.allSatisfy { $0.state == .graded && !$0.failing } ? "pass" : "fail"
        let runner = Runner(version: 1, status: status, max_score: Scoring.exported(scoring.score(grades).available), tests: tests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(runner)
    }
}
