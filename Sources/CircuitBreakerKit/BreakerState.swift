/// Where a circuit breaker is.
public enum BreakerState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Calls go through; failures are counted.
    case closed
    /// Calls are rejected at once, without calling the dependency, until the wait duration has passed.
    case open
    /// A few trial calls go through; their outcomes decide between closed and open.
    case halfOpen
    /// Opened by hand (isolate the dependency): rejects everything until `reset()`.
    case forcedOpen
    /// Switched off by hand: every call goes through, nothing is counted, until `reset()`.
    case disabled

    public var description: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        case .forcedOpen: "forced open"
        case .disabled: "disabled"
        }
    }
}

/// One change of state, when it happened on the breaker's clock.
public struct BreakerTransition: Sendable, Hashable, CustomStringConvertible {
    public var from: BreakerState
    public var to: BreakerState
    public var at: Duration

    public init(from: BreakerState, to: BreakerState, at: Duration) {
        self.from = from
        self.to = to
        self.at = at
    }

    public var description: String { "\(from) → \(to) at \(at)" }
}

/// Thrown instead of calling the dependency: the breaker is open (retry after `retryAfter`),
/// half-open with every trial permit taken, or forced open (no retry time: a person decides).
public struct CallNotPermitted: Error, Sendable, Hashable, CustomStringConvertible {
    public var state: BreakerState
    public var retryAfter: Duration?

    public init(state: BreakerState, retryAfter: Duration?) {
        self.state = state
        self.retryAfter = retryAfter
    }

    public var description: String {
        "circuit \(state): call not permitted" + (retryAfter.map { ", retry after \($0)" } ?? "")
    }
}

/// The right to make one call, handed out by `acquirePermission()` and handed back with the
/// call's outcome. It remembers the breaker's epoch, so that a late outcome of a call admitted
/// before a transition does not count after it.
public struct Permit: Sendable, Hashable {
    public let epoch: Int

    public init(epoch: Int) { self.epoch = epoch }
}
