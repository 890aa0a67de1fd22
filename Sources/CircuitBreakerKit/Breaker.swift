import WorkbookKit

/// A circuit breaker: asked before each call, told each call's outcome.
public protocol Breaker: Sendable {
    /// The clock the breaker reads.
    var clock: any WorkbookClock { get }
    /// Where the breaker is now (an open breaker whose wait has passed still says open until
    /// the next call asks for permission).
    var state: BreakerState { get }
    /// Every transition so far, in order.
    var transitions: [BreakerTransition] { get }
    /// A permit for one call, or `CallNotPermitted`.
    func acquirePermission() throws -> Permit
    /// Tells the breaker how the call made with `permit` ended.
    func record(_ outcome: CallOutcome, permit: Permit) throws
    /// Opens the breaker by hand until `reset()`.
    func forceOpen() throws
    /// Lets everything through, counting nothing, until `reset()`.
    func disable() throws
    /// Back to closed with nothing counted.
    func reset() throws
}

/// How a call ended.
public enum CallOutcome: Sendable {
    case success
    /// It threw `error` (the breaker's classifier says whether that counts).
    case failure(any Error)
}

/// A call that succeeded, but slower than the breaker's caller tolerates: reported as a failure.
public struct SlowCall: Error, Sendable, CustomStringConvertible {
    public var took: Duration
    public var limit: Duration
    public var description: String { "slow call: \(took) > \(limit)" }
}

extension Breaker {
    /// Runs `operation` through the breaker: rejected at once when not permitted; its outcome
    /// recorded; a success slower than `slowCallThreshold` recorded as a `SlowCall` failure.
    public func call<Value: Sendable>(
        slowCallThreshold: Duration? = nil, _ operation: () async throws -> Value
    ) async throws -> Value {
        let permit = try acquirePermission()
        let start = clock.now
        do {
            let value = try await operation()
            let took = clock.now - start
            if let limit = slowCallThreshold, took > limit {
                try record(.failure(SlowCall(took: took, limit: limit)), permit: permit)
            } else {
                try record(.success, permit: permit)
            }
            return value
        } catch {
            try record(.failure(error), permit: permit)
            throw error
        }
    }
}
