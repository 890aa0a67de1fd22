import CircuitBreakerKit
import Foundation

/// The source material's breaker, translated line by line: half-open lets every caller
/// through ("allow one test request" — but nothing counts them), a success closes it, and the
/// whole thing assumes one caller at a time.
final class SeedBreaker: @unchecked Sendable {
    private let threshold: Int
    private let recovery: Duration
    private var failures = 0
    private var lastFailure: ContinuousClock.Instant = .now
    private var state: BreakerState = .closed
    // The one liberty taken: a lock, so that this shows its design flaw, not a data race.
    private let lock = NSLock()

    init(threshold: Int, recovery: Duration) {
        self.threshold = threshold
        self.recovery = recovery
    }

    func canExecute() -> Bool {
        lock.withLock {
            if state == .open, ContinuousClock.now - lastFailure > recovery { state = .halfOpen }
            return state != .open  // half-open: "allow one test request" — every one of them
        }
    }

    func recordSuccess() {
        lock.withLock {
            failures = 0
            state = .closed
        }
    }

    func recordFailure() {
        lock.withLock {
            failures += 1
            lastFailure = .now
            if failures >= threshold { state = .open }
        }
    }
}
