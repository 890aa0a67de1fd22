/// Where lessons and kits get the time from, so that tests can drive time by hand.
///
/// Measure elapsed time with `ContinuousClock` in benchmarks; use a `WorkbookClock` for time
/// that the logic itself depends on (timeouts, backoff, breaker wait durations, timestamps).
public protocol WorkbookClock: Sendable {
    /// Time elapsed since the clock's origin.
    var now: Duration { get }
    /// Suspends the caller until `duration` has passed on this clock.
    func sleep(for duration: Duration) async throws
}

/// The real clock: its origin is the moment it was created.
public struct SystemClock: WorkbookClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
