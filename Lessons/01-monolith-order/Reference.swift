import MonolithOrderKit
import WorkbookKit

#if canImport(MonolithOrderSolution)
    import MonolithOrderSolution
#endif

/// The reference solution's entry point. The student edition holds Solutions/ out: there the
/// lesson runs only the student's code and the bench refuses to start, so this is never reached.
enum Reference {
    static var placeOrder: PlaceOrder {
        #if canImport(MonolithOrderSolution)
            MonolithOrderSolution.placeOrder
        #else
            Implementation.heldOut()
        #endif
    }
}
