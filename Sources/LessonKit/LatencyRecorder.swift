import Histogram
import WorkbookKit

/// Records durations in an HDR histogram (nanosecond resolution, three significant digits)
/// and answers percentiles, so that p50 and p99 are honest without keeping every sample.
public struct LatencyRecorder: Sendable {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000_000, numberOfSignificantValueDigits: .three)
    /// The wall time covered by the recordings, when the caller measured it.
    public var elapsed: Duration = .zero

    public init() {}

    /// Adds one measured duration.
    public mutating func record(_ duration: Duration) {
        _ = histogram.record(UInt64(Swift.max(1, duration.inNanoseconds)))
    }

    /// How many durations were recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// The duration at or below which `percentile` percent (0–100) of the recordings fall.
    public func percentile(_ percentile: Double) -> Duration {
        .nanoseconds(Int64(histogram.valueAtPercentile(percentile)))
    }

    /// How many recordings fall in `low..<high` nanoseconds. The histogram keeps values in buckets
    /// of 0.1% of their size, so both ends are moved to a bucket's start: a bucket straddling
    /// `high` counts in this range or the next, never in both.
    func counted(_ low: UInt64, _ high: UInt64) -> Int {
        let from = histogram.lowestEquivalentForValue(low)
        let to = histogram.lowestEquivalentForValue(high)
        return to > from ? Int(histogram.count(within: from...(to - 1))) : 0
    }

    public var p50: Duration { percentile(50) }
    public var p99: Duration { percentile(99) }
    public var max: Duration { .nanoseconds(Int64(histogram.max)) }

    /// Recordings per second of ``elapsed`` wall time.
    public var perSecond: Double {
        let seconds = elapsed.inSeconds
        return seconds > 0 ? Double(count) / seconds : 0
    }

    /// Runs `body` `iterations` times, timing each run and the whole.
    public static func measure(iterations: Int, _ body: (Int) throws -> Void) rethrows -> LatencyRecorder {
        var recorder = LatencyRecorder()
        let clock = ContinuousClock()
        let start = clock.now
        for iteration in 0..<iterations {
            let before = clock.now
            try body(iteration)
            recorder.record(clock.now - before)
        }
        recorder.elapsed = clock.now - start
        return recorder
    }
}
