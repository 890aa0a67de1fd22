import ArgumentParser
import Foundation
import WorkbookKit

/// `workbook-bench FIGURE [--quick]`: measures one figure and prints its rows as JSON lines.
/// `workbook bench` runs it once per figure, each in a process of its own.
@main
struct BenchFigures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook-bench",
        abstract: "Measure one of the workbook's figures (run by `workbook bench`).")

    @Argument(help: "The figure: \(Figure.allCases.map(\.rawValue).joined(separator: ", ")).")
    var figure: Figure

    @Flag(help: "Fewer iterations: rough figures, quickly.")
    var quick = false

    func run() async throws {
        let scale = quick ? 0.1 : 1.0
        let rows: [BenchRow]
        do {
            rows = try await figure.measure(scale: scale)
        } catch {
            Terminal.printError("workbook-bench \(figure.rawValue): \(error)")
            throw ExitCode.failure
        }
        for row in rows { Terminal.writeLine(String(decoding: try JSONEncoder().encode(row), as: UTF8.self)) }
    }
}

/// The figures, one process each.
enum Figure: String, CaseIterable, ExpressibleByArgument {
    case call, order, split, bus, breaker, router

    func measure(scale: Double) async throws -> [BenchRow] {
        func count(_ full: Int) -> Int { max(20, Int(Double(full) * scale)) }
        switch self {
        case .call: return try await measureCall(iterations: count(5_000))
        case .order: return try measureOrders(count: count(5_000))
        case .split: return try await measureSplit(orders: count(1_000))
        case .bus: return try await measureBus(events: count(2_000))
        case .breaker: return try measureBreaker(batches: count(500))
        case .router: return try await measureRouter(requests: count(3_000))
        }
    }
}

/// Runs `body` `warmUp` times unmeasured, then `iterations` times measured.
func timed(warmUp: Int, iterations: Int, _ body: () async throws -> Void) async rethrows -> LatencyRecorder {
    for _ in 0..<warmUp { try await body() }
    var recorder = LatencyRecorder()
    let clock = ContinuousClock()
    let began = clock.now
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        recorder.record(clock.now - start)
    }
    recorder.elapsed = clock.now - began
    return recorder
}

/// The median cost of one call of `body`, from batches of `batch` calls: a single call is too
/// short for the clock that would time it.
func perCall(batches: Int, batch: Int = 1_000, _ body: () throws -> Void) rethrows -> LatencyRecorder {
    for _ in 0..<batch { try body() }
    var recorder = LatencyRecorder()
    let clock = ContinuousClock()
    for _ in 0..<batches {
        let start = clock.now
        for _ in 0..<batch { try body() }
        recorder.record((clock.now - start) / batch)
    }
    return recorder
}
