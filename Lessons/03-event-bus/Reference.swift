import EventBusKit
import WorkbookKit

#if canImport(EventBusSolution)
    import EventBusSolution
#endif

/// The reference solution's bus. The student edition holds Solutions/ out: there the lesson runs
/// only the student's bus and the bench refuses to start, so this is never reached.
enum Reference {
    static func makeBus(clock: any WorkbookClock, retry: RetryPolicy) -> any EventBus {
        #if canImport(EventBusSolution)
            EventBusSolution.ShopEventBus(clock: clock, retry: retry)
        #else
            Implementation.heldOut()
        #endif
    }
}
