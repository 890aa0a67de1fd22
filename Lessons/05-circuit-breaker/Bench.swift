import ArgumentParser
import CircuitBreakerKit
import LessonKit
import WorkbookKit

/// `circuit-breaker bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try Implementation.requireReference(for: "The bench")
        try await options.run([
            BenchFigure("breaker") { try measureBreaker(batches: BenchFigure.count(500, scale: $0)) }
        ])
    }
}

/// Lesson 05's breaker: what it adds to a call while closed, what a rejection costs while open,
/// next to the timeout that the rejection saves.
func measureBreaker(batches: Int) throws -> [BenchRow] {
    let settings = BreakerSettings(trip: .consecutiveFailures(5), waitDuration: .seconds(3600))
    let closed = Reference.makeBreaker(settings, clock: SystemClock())
    let closedCost = try perCall(batches: batches) {
        let permit = try closed.acquirePermission()
        try closed.record(.success, permit: permit)
    }
    let open = Reference.makeBreaker(settings, clock: SystemClock())
    try open.forceOpen()
    let rejection = perCall(batches: batches) {
        do { _ = try open.acquirePermission() } catch {}
    }
    let floor = lockAndClockFloor()
    let timeout = Duration.milliseconds(250)
    return [
        BenchRow(
            figure: "breaker", measured: "closed breaker: permit + record, per call", closedCost,
            note: "two lock round trips (permit, then record); a closed breaker never reads the clock"
        ).with(BenchFloor("one lock round trip and one clock read", p50: floor)),
        BenchRow(
            figure: "breaker", measured: "open breaker: rejection, per call", rejection,
            note: "instead of lesson 05's 250 ms timeout: \((timeout / rejection.p50).formatted(fractionDigits: 0))× sooner"
        ).with(BenchFloor("one lock round trip and one clock read", p50: floor)),
    ]
}
