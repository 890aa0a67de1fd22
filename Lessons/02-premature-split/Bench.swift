import ArgumentParser
import Foundation
import LessonKit
import MonolithOrderKit
import ServiceKit
import WorkbookKit

/// `premature-split bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try Implementation.requireReference(for: "The bench")
        try await options.run([
            BenchFigure("call") { try await measureCall(iterations: BenchFigure.count(5_000, scale: $0)) },
            BenchFigure("split") { try await measureSplit(orders: BenchFigure.count(1_000, scale: $0)) },
            BenchFigure("ways") { try await measureWays(charges: BenchFigure.count(1_000, scale: $0)) },
        ])
    }
}

/// An in-process call next to the same call over HTTP on loopback, split into what each layer
/// adds (see `CallLayers`).
func measureCall(iterations: Int) async throws -> [BenchRow] {
    let call = FunctionCallCost.measure()
    let layers = try await CallLayers.measure(iterations: iterations)
    let floor = BenchFloor("one byte there and back over loopback TCP, blocking sockets", layers.tcp)
    return [
        BenchRow(figure: "call", measured: "function call (cannot be inlined)", p50: call, samples: 5, note: "median of 5 × 1,000,000 calls"),
        BenchRow(
            figure: "call", measured: "the same call over HTTP on loopback", layers.ours,
            note: "\((layers.ours.p50 / call).formatted(fractionDigits: 0))× the function call at p50; ServiceRouter + HTTPCaller, one kept-alive connection"
        ).with(floor),
        BenchRow(
            figure: "call", measured: "the same call, Hummingbird + AsyncHTTPClient alone", layers.libraries,
            note: "a bare route and a bare client: the libraries' share; the row above minus this one is ours"
        ).with(floor),
    ]
}

/// Answers POST /call with `{}`.
struct Echo: Endpoint {
    let name = "echo"
    let operations = ["call"]
    func answer(_ operation: String, idempotencyKey: String?, body: Data) async -> Answer { Answer(status: 200, body: body) }
    func state() async -> Answer { .json(["echo": true]) }
}
