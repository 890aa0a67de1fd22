import CircuitBreakerKit
import WorkbookKit

#if canImport(CircuitBreakerSolution)
    import CircuitBreakerSolution
#endif

/// The reference solution's breaker. The student edition holds Solutions/ out: there the lesson
/// runs only the student's breaker and the bench refuses to start, so this is never reached.
enum Reference {
    static func makeBreaker(_ settings: BreakerSettings, clock: any WorkbookClock) -> any Breaker {
        #if canImport(CircuitBreakerSolution)
            CircuitBreakerSolution.CircuitBreaker(settings: settings, clock: clock)
        #else
            Implementation.heldOut()
        #endif
    }
}
