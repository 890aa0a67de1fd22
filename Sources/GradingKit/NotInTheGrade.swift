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
            if: ProcessInfo.processInfo.environment[variable] != nil,
            "checks the workbook, not your code: swift test runs it, workbook grade does not")
    }
}
