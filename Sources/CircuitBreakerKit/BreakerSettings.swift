/// When a closed breaker trips open.
public enum TripPolicy: Sendable, Hashable, CustomStringConvertible {
    /// After `n` failures in a row (the source material's policy). A success resets the count.
    case consecutiveFailures(Int)
    /// When, over the last `window` outcomes (successes and failures), at least `minimumCalls`
    /// were recorded and the share of failures is at least `percent`%.
    case failureRate(percent: Int, window: Int, minimumCalls: Int)

    public var description: String {
        switch self {
        case .consecutiveFailures(let n): "\(n) failures in a row"
        case .failureRate(let percent, let window, let minimum): "≥ \(percent)% failures over the last \(window) calls (at least \(minimum))"
        }
    }
}

/// Whether an error counts against the dependency.
public enum ErrorVerdict: Sendable, Hashable {
    /// It counts as a failure.
    case failure
    /// It counts as neither success nor failure (a 404, a validation error, a cancelled call):
    /// in half-open, its permit is given back.
    case ignored
}

/// How a breaker behaves.
public struct BreakerSettings: Sendable {
    public var trip: TripPolicy
    /// How long the breaker stays open before it lets a trial call through.
    public var waitDuration: Duration
    /// How many trial calls half-open admits; that many successes close it again.
    public var permittedCallsInHalfOpen: Int
    /// Decides which errors count. `CancellationError` is always ignored, whatever this says.
    public var classify: @Sendable (any Error) -> ErrorVerdict

    public init(
        trip: TripPolicy, waitDuration: Duration, permittedCallsInHalfOpen: Int = 1,
        classify: @escaping @Sendable (any Error) -> ErrorVerdict = { _ in .failure }
    ) {
        self.trip = trip
        self.waitDuration = waitDuration
        self.permittedCallsInHalfOpen = permittedCallsInHalfOpen
        self.classify = classify
    }
}

/// What a breaker remembers. Given, so that every breaker keeps the same facts; what they mean
/// is the breaker's business.
public struct BreakerMemory: Sendable {
    public var state: BreakerState = .closed
    /// Bumped on every transition; permits of an older epoch no longer count.
    public var epoch = 0
    /// When the breaker last opened, on its clock.
    public var openedAt: Duration = .zero
    /// Failures in a row while closed (consecutive policy).
    public var consecutiveFailures = 0
    /// The last outcomes while closed, oldest first, `true` for a failure (failure-rate policy).
    public var window: [Bool] = []
    /// Trial permits handed out in this half-open epoch and not given back.
    public var trialsAdmitted = 0
    /// Trial calls that succeeded in this half-open epoch.
    public var trialSuccesses = 0
    /// Every transition so far, in order.
    public var transitions: [BreakerTransition] = []

    public init() {}

    /// Moves to `state` at `now`: records the transition when the state changes, starts a new
    /// epoch, and clears the counts (consecutive failures, window, trials). It does not touch
    /// `openedAt`: when to start the wait is the breaker's decision.
    public mutating func enter(_ state: BreakerState, at now: Duration) {
        if self.state != state { transitions.append(BreakerTransition(from: self.state, to: state, at: now)) }
        self.state = state
        epoch += 1
        consecutiveFailures = 0
        window = []
        trialsAdmitted = 0
        trialSuccesses = 0
    }
}
