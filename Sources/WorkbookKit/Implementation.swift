/// Which code a graded check or a lesson runs: the workbook's reference solution or the student's.
public enum Implementation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `Solutions/NN-slug`: the reference, always graded so that the checks themselves are checked.
    case reference
    /// `Exercises/NN-slug`: the student's code.
    case student

    public var description: String { rawValue }

    /// The implementations a graded check runs against: the reference always, the student's
    /// once the exercise is attempted. Checks take this as their arguments.
    public static func graded(studentAttempted: Bool) -> [Implementation] {
        studentAttempted ? [.reference, .student] : [.reference]
    }
}
