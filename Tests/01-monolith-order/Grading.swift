import Database
import MonolithOrderExercise
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

#if canImport(MonolithOrderSolution)
    import MonolithOrderSolution
#endif

/// How exercise 01 is graded: every check runs against the reference, and against the student's
/// `placeOrder` once it no longer throws `NotAttempted`.
enum Grading {
    /// One cheap call of the student's entry point decides whether it is attempted.
    static let studentAttempted = Attempt.isAttempted {
        let database = try SQLiteDatabase()
        try ShopSeed.standard.install(on: database)
        _ = try MonolithOrderExercise.placeOrder(OrderRequest(id: "probe", customer: "ada", lines: []), in: database)
    }

    /// The arguments of every graded check.
    static let implementations = Implementation.graded(studentAttempted: studentAttempted)

    static let notAttempted = Attempt.notAttemptedMessage(exercise: Exercise01.number, file: Exercise01.file)
}

/// Prints "➜ Test … skipped: Exercise 01 not attempted yet: open …" once, until it is attempted.
/// A trait on a lone test rather than on a suite, because a skipped suite repeats the line for
/// each of its tests.
@Test(
    "Exercise 01 · your placeOrder is attempted, and every check below runs against it too",
    .enabled(if: Attempt.noting(Grading.studentAttempted, exercise: Exercise01.number, file: Exercise01.file), Comment(rawValue: Grading.notAttempted)))
func exercise01Attempted() {}

extension Implementation {
    /// The `placeOrder` this implementation provides.
    var placeOrder: PlaceOrder {
        switch self {
        case .reference:
            #if canImport(MonolithOrderSolution)
                MonolithOrderSolution.placeOrder
            #else
                Implementation.heldOut()
            #endif
        case .student: MonolithOrderExercise.placeOrder
        }
    }

    /// Places one order and says how it went. `NotAttempted` is rethrown, so that a check
    /// fails with "not implemented yet: …".
    func place(_ request: OrderRequest, in database: any Database) throws -> Outcome {
        do {
            return .placed(try placeOrder(request, database))
        } catch let error as OrderError {
            return .refused(error)
        } catch let error as NotAttempted {
            throw error
        } catch {
            return .threwOtherError(String(describing: error))
        }
    }
}

/// What a call of `placeOrder` did, comparable as a whole.
enum Outcome: Hashable, CustomStringConvertible {
    case placed(OrderReceipt)
    case refused(OrderError)
    /// The contract says every failure is an `OrderError`; anything else lands here.
    case threwOtherError(String)

    var description: String {
        switch self {
        case .placed(let receipt): "placed \(receipt)"
        case .refused(let error): "refused: \(error)"
        case .threwOtherError(let error): "threw an error that is not an OrderError: \(error)"
        }
    }

    /// The error, when the order was refused.
    var error: OrderError? {
        if case .refused(let error) = self { return error }
        return nil
    }
}
