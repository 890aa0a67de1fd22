import ArgumentParser
import AsyncHTTPClient
import Foundation
import LessonKit
import ServiceKit
import Shop
import StranglerFigKit
import WorkbookKit

/// `strangler-fig bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try Implementation.requireReference(for: "The bench")
        try await options.run([
            BenchFigure("router") { try await measureRouter(requests: BenchFigure.count(3_000, scale: $0)) }
        ])
    }
}

/// Lesson 06's router decision, and what the facade adds to a request.
func measureRouter(requests: Int) async throws -> [BenchRow] {
    let plan = MigrationPlan(rules: [
        RouteRule(prefix: "/payments", pins: ["t-1": .extracted], percentage: 50),
        RouteRule(prefix: "/payments/fees", percentage: 10, shadow: true),
        RouteRule(prefix: "/catalog", percentage: 0),
    ])
    let tenants = (1...100).map { "t-\($0)" }
    var index = 0
    let decision = try perCall(batches: max(20, requests / 10)) {
        index = (index + 1) % tenants.count
        _ = try Reference.route(RouteRequest(method: "POST", path: "/payments/charges", tenant: tenants[index]), plan)
    }

    let folder = try ScratchFolder.make("workbook-bench-router")
    defer { try? FileManager.default.removeItem(at: folder) }
    let legacy = try await LoopbackServer.start(
        PaymentsApp(role: .legacy, location: .sqlite(path: folder.appendingPathComponent("legacy.sqlite").path), seed: .standard).router(), name: "legacy")
    let extracted = try await LoopbackServer.start(
        PaymentsApp(role: .extracted, location: .sqlite(path: folder.appendingPathComponent("payments.sqlite").path), seed: .standard).router(),
        name: "payments")
    let facade = try await LoopbackServer.start(
        RoutingFacade(
            legacyURL: legacy.url, extractedURL: extracted.url, plan: MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0)]),
            route: Reference.route, seed: 1
        ).router(), name: "facade")
    let caller = HTTPCaller(baseURL: "", timeout: .seconds(5))
    func get(_ base: String) -> () async throws -> Void {
        {
            var request = HTTPClientRequest(url: base + "/payments/fees?amount=12345")
            request.headers.add(name: "X-Tenant", value: "t-7")
            _ = try await caller.send(request)
        }
    }
    let direct = try await timed(warmUp: 100, iterations: requests, get(legacy.url))
    let routed = try await timed(warmUp: 100, iterations: requests, get(facade.url))
    for server in [facade, legacy, extracted] { await server.stop() }
    return [
        BenchRow(figure: "router", measured: "lesson 06's routing decision", decision, note: "three rules, a pin, murmur3 of the tenant"),
        BenchRow(figure: "router", measured: "client → legacy", direct),
        BenchRow(
            figure: "router", measured: "client → facade → legacy", routed,
            note: "the facade adds \((routed.p50 - direct.p50).readable) at p50, \((routed.p99 - direct.p99).readable) at p99: one more loopback round trip"),
    ]
}
