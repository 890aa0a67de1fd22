import CircuitBreakerKit
import WorkbookKit

/// A circuit breaker in front of one dependency. Thread-safe: many tasks ask it at once.
///
/// The contract:
/// - **closed**: every call is permitted. Outcomes count by `settings.trip`:
///   `.consecutiveFailures(n)` opens on the n-th failure in a row (a success resets the count);
///   `.failureRate(percent:window:minimumCalls:)` keeps the last `window` outcomes and opens when
///   at least `minimumCalls` are recorded and failures are at least `percent`% of them — checked
///   after every recorded outcome, a success included (the success that brings the window up to
///   `minimumCalls` can open it).
/// - **open**: `acquirePermission()` throws `CallNotPermitted(state: .open, retryAfter:)` with
///   the time left, without calling anything — until the first request *strictly after*
///   `openedAt + waitDuration`, which moves to half-open and is admitted as its first trial.
/// - **half-open**: admits `permittedCallsInHalfOpen` trial calls, however many ask at once; the
///   others get `CallNotPermitted(state: .halfOpen, retryAfter: .zero)`. A failed trial opens the
///   breaker again (the wait starts over from now); when that many trials have succeeded, it closes.
/// - **forcedOpen** rejects everything with `retryAfter: nil`; **disabled** permits everything
///   and counts nothing; `reset()` returns to closed from any state — a closed breaker too
///   starts afresh, its counts cleared; each is left only by `reset()`
///   (or another of `forceOpen()`, `disable()`).
/// - Errors: `settings.classify` says `.failure` or `.ignored`; a `CancellationError` is always
///   ignored. An ignored outcome counts as neither; in half-open it gives its permit back.
/// - Every move to a state goes through `memory.enter(_:at:)` (it records the transition, starts a
///   new epoch and clears the counts); set `memory.openedAt` yourself when opening. An outcome
///   whose permit has an older epoch is dropped: it belongs to a state that is gone.
public final class CircuitBreaker: Breaker {
    public let settings: BreakerSettings
    public let clock: any WorkbookClock
    private let memory = Locked(BreakerMemory())

    public init(settings: BreakerSettings, clock: any WorkbookClock) {
        self.settings = settings
        self.clock = clock
    }

    public var state: BreakerState { memory.withLock { $0.state } }
    public var transitions: [BreakerTransition] { memory.withLock { $0.transitions } }

    public func acquirePermission() throws -> Permit {
        // TODO: Read memory.state under memory.withLock. closed and disabled: a permit of the current epoch.
        // TODO: open: reject with the time left until openedAt + waitDuration — until a request strictly
        //       after it, which enters half-open and becomes its first trial.
        // TODO: half-open: at most permittedCallsInHalfOpen trials, however many callers ask at once.
        throw NotAttempted(function: "acquirePermission()", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift")
    }

    public func record(_ outcome: CallOutcome, permit: Permit) throws {
        // TODO: Classify: success, failure, or ignored (settings.classify, and CancellationError always).
        // TODO: Drop the outcome when permit.epoch is not memory.epoch.
        // TODO: closed: count by settings.trip and open when it trips (enter(.open, at:), then openedAt).
        // TODO: half-open: a failure opens again; enough successes close; an ignored outcome gives its permit back.
        throw NotAttempted(function: "record(_:permit:)", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift")
    }

    public func forceOpen() throws {
        // TODO: Enter .forcedOpen.
        throw NotAttempted(function: "forceOpen()", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift")
    }

    public func disable() throws {
        // TODO: Enter .disabled.
        throw NotAttempted(function: "disable()", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift")
    }

    public func reset() throws {
        // TODO: Enter .closed.
        throw NotAttempted(function: "reset()", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift")
    }
}
