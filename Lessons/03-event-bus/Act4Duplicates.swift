import EventBusKit
import WorkbookKit

/// Act 4: at-least-once delivery hands the same event over twice; idempotency absorbs it.
func actDuplicates(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let order = stage.orders(1, startingAt: 401)[0]

    narrator.step("The same \"order placed\" (\(order.id)) delivered twice to a shipping consumer without a key:")
    let naive = try ShipmentStore(idempotent: false)
    try await naive.ship(order)
    try await naive.ship(order)
    narrator.failed("shipments for \(order.event.order): \(try await naive.shipmentsPerOrder()[order.event.order.rawValue] ?? 0) — two parcels, one order")

    narrator.step("The same, keyed on the event id (INSERT … ON CONFLICT (event_id) DO NOTHING):")
    let keyed = try ShipmentStore(idempotent: true)
    try await keyed.ship(order)
    try await keyed.ship(order)
    narrator.ok("shipments for \(order.event.order): \(try await keyed.shipmentsPerOrder()[order.event.order.rawValue] ?? 0)")

    narrator.step("Through the bus: publish the event, then publish it again (a redelivery after a lost acknowledgement):")
    let bus = stage.makeBus()
    let naiveBehindBus = try ShipmentStore(idempotent: false)
    try await bus.subscribe("shipping", to: OrderPlaced.self) { try await naiveBehindBus.ship($0) }
    try await bus.publish(order)
    try await bus.publish(order)
    try await bus.waitUntilIdle()
    let behindBus = try await naiveBehindBus.shipmentsPerOrder()[order.event.order.rawValue] ?? 0
    behindBus == 1
        ? narrator.ok("shipments: 1 — the bus dropped the duplicate for (shipping, \(order.id))")
        : narrator.failed("shipments: \(behindBus) — the bus handed the duplicate to the handler")
    narrator.notice(
        "the bus deduplicates what it sees, but a redelivery after a restart comes from outside its memory: keep the key in the consumer's own table too (act 5)."
    )
}
