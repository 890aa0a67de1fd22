/// A clock on which every sleep returns at once and moves `now` forward by the time slept:
/// code that backs off for seconds runs in microseconds, and its waits still add up.
public final class ImmediateClock: WorkbookClock {
    private let elapsed = Locked(Duration.zero)

    public init() {}

    public var now: Duration { elapsed.withLock { $0 } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        elapsed.withLock { $0 += max(duration, .zero) }
        await Task.yield()
    }
}
