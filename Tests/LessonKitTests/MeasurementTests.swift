import LessonKit
import Testing
import WorkbookKit

@Suite("Latency measurement")
struct MeasurementTests {
    @Test("percentiles come from the recorded durations, within the histogram's three significant digits")
    func percentiles() {
        var recorder = LatencyRecorder()
        for microseconds in 1...100 { recorder.record(.microseconds(microseconds)) }
        recorder.elapsed = .seconds(2)
        #expect(recorder.count == 100)
        let p50 = recorder.p50
        let p99 = recorder.p99
        #expect(p50 >= .microseconds(49.9) && p50 <= .microseconds(50.1), "p50 was \(p50)")
        #expect(p99 >= .microseconds(98.9) && p99 <= .microseconds(99.1), "p99 was \(p99)")
        #expect(recorder.perSecond == 50)
    }

    @Test("measure runs the body once per iteration, in order")
    func measureRunsEveryIteration() {
        var seen: [Int] = []
        let recorder = LatencyRecorder.measure(iterations: 5) { seen.append($0) }
        #expect(seen == [0, 1, 2, 3, 4])
        #expect(recorder.count == 5)
        #expect(recorder.elapsed > .zero)
    }

    @Test(
        "durations read in the unit that fits",
        arguments: [
            (Duration.nanoseconds(850), "850 ns"), (.nanoseconds(2), "2.0 ns"), (.nanoseconds(12_345), "12.3 µs"), (.microseconds(4_560), "4.56 ms"),
            (.milliseconds(1_200), "1.20 s"), (.microseconds(130), "130 µs"),
        ])
    func readable(_ duration: Duration, _ text: String) {
        #expect(duration.readable == text)
    }

    @Test("a difference reads with its sign, and zero as ±0")
    func signedReadable() {
        #expect(Duration.microseconds(130).signedReadable == "+130 µs")
        #expect((Duration.zero - .microseconds(4_560)).signedReadable == "−4.56 ms")
        #expect(Duration.zero.signedReadable == "±0")
    }

    @Test(
        "numbers format with a fixed number of decimals",
        arguments: [
            (3.14159, 2, "3.14"), (0.005, 2, "0.01"), (-1.5, 1, "-1.5"), (13_777.4, 0, "13777"), (2.0, 3, "2.000"),
        ])
    func fixedDecimals(_ value: Double, _ digits: Int, _ text: String) {
        #expect(value.formatted(fractionDigits: digits) == text)
    }
}
