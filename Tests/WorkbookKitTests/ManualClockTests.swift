import Testing
import WorkbookKit

@Suite("Manual clock")
struct ManualClockTests {
    @Test("a sleeper wakes only once time is advanced past its deadline")
    func sleeperWakesOnAdvance() async throws {
        let clock = ManualClock()
        let sleeper = Task {
            try await clock.sleep(for: .seconds(5))
            return clock.now
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(4))
        #expect(clock.sleeperCount == 1, "4 s of 5 have passed")
        clock.advance(by: .seconds(1))
        #expect(try await sleeper.value == .seconds(5))
        #expect(clock.sleeperCount == 0)
    }

    @Test("a cancelled sleeper throws CancellationError without time moving")
    func cancellation() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleepers(1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.now == .zero)
    }

    @Test("the system clock moves forward by itself")
    func systemClock() async throws {
        let clock = SystemClock()
        let before = clock.now
        try await clock.sleep(for: .milliseconds(2))
        #expect(clock.now > before)
    }
}

@Suite("Immediate clock")
struct ImmediateClockTests {
    @Test("sleeps return at once and add up")
    func addsUp() async throws {
        let clock = ImmediateClock()
        try await clock.sleep(for: .seconds(2))
        try await clock.sleep(for: .milliseconds(500))
        #expect(clock.now == .milliseconds(2_500))
    }
}
