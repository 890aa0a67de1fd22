import LessonKit
import Testing

@Suite("Terminal pictures")
struct TerminalChartTests {
    @Test("a bar is its share of the width in eighths of a cell; the largest value fills it; nothing and a sliver differ")
    func bars() {
        #expect(TerminalChart.bar(10, of: 10, width: 4) == "████")
        #expect(TerminalChart.bar(5, of: 10, width: 4) == "██")
        #expect(TerminalChart.bar(1, of: 16, width: 4) == "▎")
        #expect(TerminalChart.bar(0, of: 10, width: 4) == "")
        #expect(TerminalChart.bar(0.001, of: 10, width: 4) == "▏")
        #expect(TerminalChart.bar(20, of: 10, width: 4) == "████")
        let rows = TerminalChart.bars([("a", 2, "two"), ("long label", 4, "four")], width: 4)
        #expect(rows == ["  a           ██   two", "  long label  ████ four"])
    }

    @Test("a strip shows, in each cell, the segment that covers the cell's middle")
    func strip() {
        let strip = TerminalChart.strip([(.zero, "a"), (.seconds(5), "b"), (.seconds(8), "c")], end: .seconds(10), width: 10)
        #expect(strip == "aaaaabbbcc")
        #expect(TerminalChart.strip([], end: .seconds(1)) == "")
    }

    @Test("a latency distribution's buckets double in width, cover every recording once, and stay within the limit")
    func distribution() {
        var recorder = LatencyRecorder()
        for microseconds in [10, 11, 12, 25, 40, 90, 3_000] { recorder.record(.microseconds(microseconds)) }
        let buckets = recorder.distribution(maximumBuckets: 12)
        #expect(buckets.map(\.count).reduce(0, +) == 7)
        #expect(buckets.first?.count == 3)
        #expect(buckets.count <= 12)
        let narrow = recorder.distribution(maximumBuckets: 3)
        #expect(narrow.count <= 3 && narrow.map(\.count).reduce(0, +) == 7)
        #expect(LatencyRecorder().distribution().isEmpty)
    }

    /// Above 2,048 ns the histogram's buckets are wider than a nanosecond: one that straddles an
    /// edge between two rows was counted in both (lesson 01 printed "185 of 301 orders" for 300).
    @Test("recordings beside the edges between buckets are counted once")
    func edges() {
        var recorder = LatencyRecorder()
        let fastest: Int64 = 10_007
        var recorded = 0
        for edge in [fastest * 2, fastest * 4, fastest * 8] {
            for offset in -40...40 {
                recorder.record(.nanoseconds(edge + Int64(offset)))
                recorded += 1
            }
        }
        recorder.record(.nanoseconds(fastest))
        recorded += 1
        #expect(recorder.distribution().map(\.count).reduce(0, +) == recorded)
    }
}
