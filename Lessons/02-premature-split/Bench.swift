import ArgumentParser
import Foundation
import MonolithOrderKit
import ServiceKit
import WorkbookKit

/// `premature-split bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try await options.run([
            BenchFigure("call") { try await measureCall(iterations: BenchFigure.count(5_000, scale: $0)) },
            BenchFigure("split") { try await measureSplit(orders: BenchFigure.count(1_000, scale: $0)) },
        ])
    }
}

/// An in-process call next to the same call over HTTP on loopback.
func measureCall(iterations: Int) async throws -> [BenchRow] {
    let call = FunctionCallCost.measure()
    let server = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(Echo())), name: "echo")
    let caller = HTTPCaller(baseURL: server.url, timeout: .seconds(5))
    let body = Data("{}".utf8)
    let http = try await timed(warmUp: 200, iterations: iterations) {
        _ = try await caller.post("call", idempotencyKey: nil, body: body)
    }
    await server.stop()
    return [
        BenchRow(figure: "call", measured: "function call (cannot be inlined)", p50: call, samples: 5, note: "median of 5 × 1,000,000 calls"),
        BenchRow(
            figure: "call", measured: "the same call over HTTP on loopback", http,
            note: "\((http.p50 / call).formatted(fractionDigits: 0))× the function call at p50; Hummingbird + AsyncHTTPClient, one kept-alive connection"),
    ]
}

/// Answers POST /call with `{}`.
struct Echo: Endpoint {
    let name = "echo"
    let operations = ["call"]
    func answer(_ operation: String, idempotencyKey: String?, body: Data) async -> Answer { Answer(status: 200, body: body) }
    func state() async -> Answer { .json(["echo": true]) }
}
