import Foundation
import Testing

/// Checks of the workbook itself, not of the student's code (exercise 04's package graph reads
/// the workbook's own manifest, which no exercise can change): `swift test` runs them, and
/// `workbook grade`, which sets `WORKBOOK_GRADE` for the checks, leaves them out, so that a grade
/// spends its seconds on what it scores.
public enum NotInTheGrade {
    /// The environment variable `workbook grade` sets for the checks it runs.
    public static let variable = "WORKBOOK_GRADE"

    /// The trait for such a suite.
    public static var trait: ConditionTrait {
        .disabled(
            if: leftOut(in: ProcessInfo.processInfo.environment),
            "checks the workbook, not your code: swift test runs it, workbook grade does not")
    }

    /// Whether checks running with this environment are a grade's, which leaves such suites out.
    public static func leftOut(in environment: [String: String]) -> Bool {
        environment[variable] != nil
    }
}
