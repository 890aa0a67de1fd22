/// One line of `workbook bench`: what was measured and what came out. Latencies in nanoseconds.
public struct BenchRow: Codable, Sendable, Hashable {
    /// The figure it belongs to (one process each), e.g. "order-sqlite-memory".
    public var figure: String
    /// What was measured, in the course's words.
    public var measured: String
    public var p50Nanoseconds: Int64?
    public var p99Nanoseconds: Int64?
    public var perSecond: Double?
    /// How many samples the percentiles come from.
    public var samples: Int
    /// A ratio, a comparison or the floor it sits next to.
    public var note: String

    public init(figure: String, measured: String, p50: Duration? = nil, p99: Duration? = nil, perSecond: Double? = nil, samples: Int, note: String = "") {
        self.figure = figure
        self.measured = measured
        p50Nanoseconds = p50.map(\.inNanoseconds)
        p99Nanoseconds = p99.map(\.inNanoseconds)
        self.perSecond = perSecond
        self.samples = samples
        self.note = note
    }

    /// A row from a recorder's percentiles.
    public init(figure: String, measured: String, _ recorder: LatencyRecorder, perSecond: Double? = nil, note: String = "") {
        self.init(figure: figure, measured: measured, p50: recorder.p50, p99: recorder.p99, perSecond: perSecond, samples: recorder.count, note: note)
    }
}
