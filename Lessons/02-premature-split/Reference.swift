import MonolithOrderKit
import PrematureSplitKit
import WorkbookKit

#if canImport(MonolithOrderSolution)
    import MonolithOrderSolution
#else
    import MonolithOrderExercise
#endif
#if canImport(PrematureSplitSolution)
    import PrematureSplitSolution
#endif

/// The reference solutions' entry points. The student edition holds Solutions/ out: there the
/// lesson runs only the student's saga and the bench refuses to start, so `saga` is never reached;
/// the monolith the split is measured against is then the student's own exercise 01.
enum Reference {
    static var saga: SagaOrchestrator {
        #if canImport(PrematureSplitSolution)
            PrematureSplitSolution.placeOrderSaga
        #else
            Implementation.heldOut()
        #endif
    }

    /// Lesson 01's `placeOrder`: the monolith's one transaction.
    static var monolith: PlaceOrder {
        #if canImport(MonolithOrderSolution)
            MonolithOrderSolution.placeOrder
        #else
            MonolithOrderExercise.placeOrder
        #endif
    }
}
