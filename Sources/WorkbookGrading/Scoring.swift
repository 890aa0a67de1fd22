import Foundation
import WorkbookCatalog

/// Each exercise's `GradingPolicy`, by slug.
package struct Scoring: Sendable {
    package var policies: [String: GradingPolicy] = [:]

    package subscript(slug: String) -> GradingPolicy { policies[slug] ?? GradingPolicy() }

    /// The policies of a workbook's lessons: a malformed grading.json stops the command before
    /// anything is graded.
    package init(catalog: Catalog) throws {
        for lesson in catalog.lessons {
            let file = "Lessons/\(lesson.slug)/grading.json"
            guard let data = FileManager.default.contents(atPath: catalog.root.appendingPathComponent(file).path) else { continue }
            policies[lesson.slug] = try GradingPolicy(json: data, file: file)
        }
    }

    package init(_ policies: [String: GradingPolicy] = [:]) { self.policies = policies }

    package func score(_ grades: [ExerciseGrade]) -> (earned: Double, available: Double) {
        grades.map { self[$0.slug].score($0) }.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }

    /// One graded check as every export reports it: named with its exercise, what it is worth
    /// (to a hundredth), whether it passed, its visibility and its message.
    package struct ScoredCheck {
        package let grade: ExerciseGrade
        package let check: ExerciseGrade.Check
        package let name: String
        package let worth: Double
        package let visibility: String
        package let message: String
        package var passed: Bool { check.status == .passed }
        package var earned: Double { passed ? worth : 0 }
    }

    /// Every check of `grades`, scored.
    package func scoredChecks(_ grades: [ExerciseGrade]) -> [ScoredCheck] {
        grades.flatMap { grade in
            let policy = self[grade.slug]
            let names = grade.checks.map(\.name)
            return grade.checks.map { check in
                ScoredCheck(
                    grade: grade, check: check, name: "Exercise \(grade.number) · \(check.name)",
                    worth: Self.exported(policy.worth(of: check.name, among: names)), visibility: policy.visibility(of: check.name),
                    message: check.message ?? (check.status == .notRun ? "exercise \(grade.number): \(grade.summary)" : ""))
            }
        }
    }

    /// Points as people write them: 3, 2.5, 3.33.
    package static func text(_ points: Double) -> String {
        let rounded = (points * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded).replacing(/0$/, with: "")
    }

    /// Points for a JSON export, to a hundredth.
    package static func exported(_ points: Double) -> Double { (points * 100).rounded() / 100 }
}
