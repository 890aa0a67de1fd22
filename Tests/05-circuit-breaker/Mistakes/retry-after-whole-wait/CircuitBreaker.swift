// Mistake: tells a rejected caller the whole wait, not the time left
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
        try memory.withLock { memory throws(CallNotPermitted) -> Permit in
            switch memory.state {
            case .closed, .disabled:
                return Permit(epoch: memory.epoch)
            case .forcedOpen:
                throw CallNotPermitted(state: .forcedOpen, retryAfter: nil)
            case .open:
                // The clock is read only where time decides: a closed breaker never looks at it.
                let now = clock.now
                let reopensAt = memory.openedAt + settings.waitDuration
                guard now > reopensAt else { throw CallNotPermitted(state: .open, retryAfter: settings.waitDuration) }
                memory.enter(.halfOpen, at: now)
                fallthrough
            case .halfOpen:
                guard memory.trialsAdmitted < settings.permittedCallsInHalfOpen else {
                    throw CallNotPermitted(state: .halfOpen, retryAfter: .zero)
                }
                memory.trialsAdmitted += 1
                return Permit(epoch: memory.epoch)
            }
        }
    }

    public func record(_ outcome: CallOutcome, permit: Permit) throws {
        let failed: Bool
        switch outcome {
        case .success: failed = false
        case .failure(let error): failed = !(error is CancellationError) && settings.classify(error) == .failure
        }
        let ignored: Bool
        if case .failure = outcome, !failed { ignored = true } else { ignored = false }
        let trip = settings.trip
        let permitted = settings.permittedCallsInHalfOpen

        memory.withLock { memory in
            guard permit.epoch == memory.epoch else { return }
            func open() {
                let now = clock.now
                memory.enter(.open, at: now)
                memory.openedAt = now
            }
            switch memory.state {
            case .closed where !ignored:
                switch trip {
                case .consecutiveFailures(let threshold):
                    memory.consecutiveFailures = failed ? memory.consecutiveFailures + 1 : 0
                    if memory.consecutiveFailures >= threshold { open() }
                case .failureRate(let percent, let window, let minimumCalls):
                    memory.window.append(failed)
                    if memory.window.count > window { memory.window.removeFirst(memory.window.count - window) }
                    let failures = memory.window.filter { $0 }.count
                    if memory.window.count >= minimumCalls && failures * 100 >= percent * memory.window.count { open() }
                }
            case .halfOpen where ignored:
                memory.trialsAdmitted -= 1
            case .halfOpen where failed:
                open()
            case .halfOpen:
                memory.trialSuccesses += 1
                if memory.trialSuccesses >= permitted { memory.enter(.closed, at: clock.now) }
            default:
                break
            }
        }
    }

    public func forceOpen() throws {
        memory.withLock { $0.enter(.forcedOpen, at: clock.now) }
    }

    public func disable() throws {
        memory.withLock { $0.enter(.disabled, at: clock.now) }
    }

    public func reset() throws {
        memory.withLock { $0.enter(.closed, at: clock.now) }
    }
}
