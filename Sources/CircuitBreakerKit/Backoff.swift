import WorkbookKit

/// Retries with exponential backoff and full jitter: after failed attempt n, a pause drawn
/// uniformly from 0…min(maximum, base × 2^(n-1)), from a seeded generator — so that many clients
/// retrying at once spread out instead of hitting a struggling dependency together.
public struct Backoff: Sendable {
    public var attempts: Int
    public var base: Duration
    public var maximum: Duration
    private let random: Locked<SeededRandom>

    public init(attempts: Int, base: Duration, maximum: Duration, seed: UInt64) {
        precondition(attempts >= 1, "at least one attempt")
        self.attempts = attempts
        self.base = base
        self.maximum = maximum
        random = Locked(SeededRandom(seed: seed))
    }

    /// The pause after failed attempt `attempt` (1-based).
    public func pause(after attempt: Int) -> Duration {
        let ceiling = min(maximum, base * (1 << min(attempt - 1, 20)))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(random.withLock { Int64.random(in: 0...max(0, nanoseconds), using: &$0) })
    }

    /// Runs `operation` up to `attempts` times while `shouldRetry` says its error is worth
    /// another try, pausing on `clock` in between; rethrows the last error.
    public func run<Value: Sendable>(
        on clock: any WorkbookClock, shouldRetry: (any Error) -> Bool = { _ in true },
        _ operation: () async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            do { return try await operation() } catch {
                guard attempt < attempts, shouldRetry(error) else { throw error }
                try await clock.sleep(for: pause(after: attempt))
                attempt += 1
            }
        }
    }
}
