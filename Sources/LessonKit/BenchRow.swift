import WorkbookKit

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
    /// The physical floor of this figure, measured by the same process right before or after it.
    public var floor: BenchFloor?
    /// How many times its floor the figure is: at p50 (time over time), else per second (the
    /// floor's rate over the figure's). Set with the floor.
    public var timesFloor: Double?

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

/// What a figure cannot go below on this machine: the same work with nothing of ours around it,
/// measured in the same process, in the same minute.
public struct BenchFloor: Codable, Sendable, Hashable {
    /// What was measured, e.g. "the same statements through SQLite's C API".
    public var measured: String
    public var p50Nanoseconds: Int64?
    public var perSecond: Double?

    public init(_ measured: String, p50: Duration? = nil, perSecond: Double? = nil) {
        self.measured = measured
        p50Nanoseconds = p50.map(\.inNanoseconds)
        self.perSecond = perSecond
    }

    /// A floor from a recorder's median and rate.
    public init(_ measured: String, _ recorder: LatencyRecorder, perSecond: Bool = false) {
        self.init(measured, p50: recorder.p50, perSecond: perSecond ? recorder.perSecond : nil)
    }
}

extension BenchRow {
    /// The same row with `floor`, and how many times it the figure is.
    public func with(_ floor: BenchFloor) -> BenchRow {
        var row = self
        row.floor = floor
        if let p50 = p50Nanoseconds, let time = floor.p50Nanoseconds, time > 0 {
            row.timesFloor = Double(p50) / Double(time)
        } else if let rate = perSecond, let floorRate = floor.perSecond, rate > 0 {
            row.timesFloor = floorRate / rate
        }
        return row
    }
}
