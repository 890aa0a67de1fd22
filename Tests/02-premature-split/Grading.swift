import PrematureSplitExercise
import PrematureSplitKit
import Testing
import WorkbookKit

#if canImport(PrematureSplitSolution)
    import PrematureSplitSolution
#endif

/// How exercise 02 is graded: every check runs against the reference saga, and against the
/// student's once it stops throwing `NotAttempted`.
enum Grading {
    static let file = "Exercises/02-premature-split/OrderSaga.swift"

    static func studentAttempted() async -> Bool {
        await Attempt.isAttempted(saga: PrematureSplitExercise.placeOrderSaga)
    }

    static func implementations() async -> [Implementation] {
        Implementation.graded(studentAttempted: await studentAttempted())
    }
}

@Test(
    "Exercise 02 · your placeOrderSaga is attempted, and every check below runs against it too",
    .enabled(Comment(rawValue: Attempt.notAttemptedMessage(exercise: "02", file: Grading.file))) {
        Attempt.noting(await Grading.studentAttempted(), exercise: "02", file: Grading.file)
    })
func exercise02Attempted() {}

extension Implementation {
    /// This implementation's orchestrator.
    var saga: SagaOrchestrator {
        switch self {
        case .reference:
            #if canImport(PrematureSplitSolution)
                PrematureSplitSolution.placeOrderSaga
            #else
                Implementation.heldOut()
            #endif
        case .student: PrematureSplitExercise.placeOrderSaga
        }
    }
}
