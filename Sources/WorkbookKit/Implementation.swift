/// Which code a graded check or a lesson runs: the workbook's reference solution or the student's.
public enum Implementation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `Solutions/NN-slug`: the reference, always graded so that the checks themselves are checked.
    case reference
    /// `Exercises/NN-slug`: the student's code.
    case student

    public var description: String { rawValue }

    /// Whether this copy of the workbook has `Solutions/`. The student edition (`workbook
    /// edition`) holds them out: its lessons run the student's code, and a check that compares
    /// with the reference is left to the instructor's grade.
    public static let referenceShipped: Bool = {
        #if REFERENCE_HELD_OUT
            false
        #else
            true
        #endif
    }()

    /// Why a check or an act that needs the reference does not run in the student edition.
    public static let heldOutReason =
        "compares your code with the reference solution, which the student edition holds out: your instructor's grade runs it"

    /// The implementations a graded check runs against: the reference always (where it is
    /// shipped), the student's once the exercise is attempted. Checks take this as their arguments.
    public static func graded(studentAttempted: Bool) -> [Implementation] {
        (referenceShipped ? [.reference] : []) + (studentAttempted ? [.student] : [])
    }

    /// The lesson's choice: the student's code with `--mine`, and always in the student edition.
    public static func lesson(mine: Bool) -> Implementation {
        mine || !referenceShipped ? .student : .reference
    }

    /// What a lesson says, after pointing at the student's unwritten exercise, about its default.
    public static func withoutMine(runs reference: String) -> String {
        referenceShipped
            ? "Without --mine, the lesson runs \(reference)." : "This student edition holds the reference solutions out, so its lessons run your code."
    }

    /// Stops what measures the reference itself (a bench) in the student edition, saying why.
    public static func requireReference(for what: String) throws {
        guard referenceShipped else { throw ReferenceHeldOut(what: what) }
    }

    /// Where the reference would run in the student edition: never reached, since nothing there
    /// chooses `.reference` (``graded(studentAttempted:)``, ``lesson(mine:)``).
    public static func heldOut(file: StaticString = #fileID, line: UInt = #line) -> Never {
        preconditionFailure("the student edition holds the reference solution out; nothing should have chosen it", file: file, line: line)
    }
}

/// What needs the reference solution cannot run in the student edition, which holds it out.
public struct ReferenceHeldOut: Error, CustomStringConvertible {
    public let what: String

    public var description: String {
        "\(what) measures the reference solutions, which this student edition holds out: run it in the instructor's copy of the workbook"
    }
}
