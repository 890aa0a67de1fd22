/// A failure the network or a service can inflict on one call, injected on purpose.
public enum Fault: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// No fault: the call is served normally.
    case none
    /// The answer comes, but only after the plan's latency.
    case slow
    /// 500 Internal Server Error; the work was not done.
    case serverError
    /// No answer in time; the work was not done (the caller cannot tell).
    case timeout
    /// 200 OK with `{"error": …}` in the body; the work was not done.
    case errorBody
    /// The work is done and committed, then the answer is lost: the caller sees a timeout.
    case lostResponse
    /// 409 Conflict: "a request with this key is still in flight"; the work was not done.
    case conflict
    /// 429 Too Many Requests; the work was not done.
    case rateLimited
    /// The connection is refused, so the request never went out: the caller sees `.unreachable`.
    /// In-process callers only: over HTTP a server that accepted the connection answers 503.
    case unreachable

    public var description: String {
        switch self {
        case .none: "none"
        case .slow: "slow"
        case .serverError: "500"
        case .timeout: "timeout"
        case .errorBody: "200 with an error body"
        case .lostResponse: "response lost after commit"
        case .conflict: "409"
        case .rateLimited: "429"
        case .unreachable: "connection refused"
        }
    }
}

/// Which faults a service injects: a fixed script first (the k-th call gets the k-th fault), then
/// each call draws `kinds` with probability `rate` from a generator seeded with `seed`.
public struct FaultPlan: Codable, Sendable, Hashable {
    public var rate: Double
    public var kinds: [Fault]
    public var latencyMilliseconds: Int
    public var seed: UInt64
    public var script: [Fault]

    public init(rate: Double = 0, kinds: [Fault] = [], latencyMilliseconds: Int = 0, seed: UInt64 = 1, script: [Fault] = []) {
        self.rate = rate
        self.kinds = kinds
        self.latencyMilliseconds = latencyMilliseconds
        self.seed = seed
        self.script = script
    }

    /// No faults at all.
    public static let healthy = FaultPlan()

    /// Every call answers after `milliseconds`.
    public static func slow(milliseconds: Int) -> FaultPlan {
        FaultPlan(rate: 1, kinds: [.slow], latencyMilliseconds: milliseconds)
    }

    /// Every call fails with `fault`.
    public static func always(_ fault: Fault) -> FaultPlan {
        FaultPlan(rate: 1, kinds: [fault])
    }

    /// Exactly these faults for the first calls, in order, then none.
    public static func scripted(_ faults: [Fault]) -> FaultPlan {
        FaultPlan(script: faults)
    }
}

extension FaultPlan: CheckedOnArrival {
    public func check() throws(BadRequest) {
        guard (0...1).contains(rate) else { throw BadRequest(reason: "rate must be between 0 and 1, got \(rate)") }
        guard latencyMilliseconds >= 0 else { throw BadRequest(reason: "latencyMilliseconds must not be negative, got \(latencyMilliseconds)") }
    }
}
