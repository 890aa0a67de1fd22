import ArgumentParser
import Database
import Foundation
import LessonKit
import MonolithOrderKit
import Shop
import WorkbookKit

/// `monolith-order bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try Implementation.requireReference(for: "The bench")
        try await options.run([
            BenchFigure("order") { try measureOrders(count: BenchFigure.count(5_000, scale: $0)) }
        ])
    }
}

/// Lesson 01's order transaction on in-memory SQLite, a SQLite file, and PostgreSQL when
/// DATABASE_URL names a server.
func measureOrders(count: Int) throws -> [BenchRow] {
    let folder = try ScratchFolder.make("workbook-bench")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("order.sqlite").path
    let floorFile = folder.appendingPathComponent("order-floor.sqlite").path
    var locations: [(name: String, location: DatabaseLocation, note: String)] = [
        ("in-memory SQLite", .sqlite(path: ":memory:"), "a dozen statements, no I/O"),
        ("SQLite file (WAL, synchronous=FULL)", .sqlite(path: file), "plus a WAL write and fsync per commit"),
    ]
    if let postgres = DatabaseLocation.postgres(in: Terminal.environment(["DATABASE_URL"])) {
        locations.append(("PostgreSQL on loopback", postgres, "a round trip per statement, WAL flush at commit"))
    }
    return try locations.map { name, location, note in
        var random = SeededRandom(seed: 1)
        let shop = GeneratedOrders.shop(&random)
        let requests = (0..<(count + 100)).map { GeneratedOrders.request(number: $0, shop: shop, &random) }
        let database = try location.openScratch()
        try shop.install(on: database)
        for request in requests.prefix(100) { _ = try? Reference.placeOrder(request, database) }
        let latency = LatencyRecorder.measure(iterations: count) { index in
            _ = try? Reference.placeOrder(requests[100 + index], database)
        }
        let row = BenchRow(figure: "order", measured: "lesson 01's order, \(name)", latency, perSecond: latency.perSecond, note: note)
        guard case .sqlite(let path) = location else { return row }
        // The floor: the same requests on a fresh copy of the same shop, straight through the C API.
        let floor = try OrderFloor.measure(shop: shop, requests: requests, warmUp: 100, path: path == ":memory:" ? path : floorFile)
        return row.with(BenchFloor("the same statements through SQLite's C API", floor, perSecond: true))
    }
}
