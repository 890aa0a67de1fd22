import Database
import Foundation
import LessonKit
import MonolithOrderKit
import PrematureSplitKit
import ServiceKit
import Shop
import WorkbookKit

/// Lesson 02's order through three services on loopback, with and without the saga, next to
/// lesson 01's transaction on a SQLite file (the same durability).
func measureSplit(orders count: Int) async throws -> [BenchRow] {
    let folder = try ScratchFolder.make("workbook-bench-split")
    defer { try? FileManager.default.removeItem(at: folder) }
    let seed = ShopSeed.standard(times: 10_000)
    let lines = [LineItem(productID: "SKU-USB-CABLE-C", quantity: 1)]

    let fleet = Fleet<ServiceName>(placement: .inProcess) { name, _ in
        try ServiceRouter.make(ServiceHost(name.endpoint(location: .sqlite(path: folder.appendingPathComponent("\(name).sqlite").path), seed: seed)))
    }
    var urls: [ServiceName: String] = [:]
    for name in ServiceName.allCases {
        try await fleet.start(name, [])
        urls[name] = await fleet.url(name)
    }
    let shop = SplitShop.overHTTP(urls, timeout: .seconds(5))
    let policy = SagaPolicy(attempts: 3, backoff: .milliseconds(5), clock: SystemClock())
    var number = 0
    let saga = try await timed(warmUp: 20, iterations: count) {
        number += 1
        _ = try await Reference.saga(SplitOrder(orderID: "s-\(number)", customerID: "linus", lines: lines), shop.services, policy)
    }
    let plain = try await timed(warmUp: 20, iterations: count) {
        number += 1
        let id = "p-\(number)"
        let services = shop.services
        guard case .ok(let reservation) = try await services.inventory.reserve(ReserveStock(orderID: id, lines: lines), idempotencyKey: "\(id):reserve") else {
            return
        }
        _ = try await services.orders.record(
            RecordOrder(orderID: id, customerID: "linus", totalCents: reservation.totalCents, reservationID: reservation.reservationID),
            idempotencyKey: "\(id):record")
        _ = try await services.payments.charge(
            ChargeCustomer(orderID: id, customerID: "linus", amountCents: reservation.totalCents), idempotencyKey: "\(id):charge")
    }
    await fleet.stopAll()

    let database = try SQLiteDatabase(path: folder.appendingPathComponent("monolith.sqlite").path)
    try seed.install(on: database)
    let monolith = try await timed(warmUp: 20, iterations: count) {
        number += 1
        _ = try Reference.monolith(
            OrderRequest(id: OrderID("m-\(number)"), customer: "linus", lines: [OrderLine(product: "SKU-USB-CABLE-C", quantity: 1)]), database)
    }
    return [
        BenchRow(figure: "split", measured: "lesson 01's order, one transaction on a SQLite file", monolith, perSecond: monolith.perSecond),
        BenchRow(
            figure: "split", measured: "three services over HTTP, three plain calls", plain, perSecond: plain.perSecond,
            note: "\((plain.p50 / monolith.p50).formatted(fractionDigits: 1))× the monolith at p50"),
        BenchRow(
            figure: "split", measured: "three services over HTTP, the saga", saga, perSecond: saga.perSecond,
            note: "\((saga.p50 / monolith.p50).formatted(fractionDigits: 1))× the monolith at p50; no faults, so no retries or compensations"),
    ]
}
