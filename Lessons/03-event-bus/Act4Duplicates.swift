import EventBusKit
import Foundation

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

    try await actTimeBasedID(stage, order)

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

/// The source material's event id, `evt-{order}-{time}`, is made when the event is published:
/// a publisher that retries after a lost acknowledgement makes the same event again with a new
/// id, and the consumer's key no longer recognises it.
private func actTimeBasedID(_ stage: Stage, _ order: Envelope<OrderPlaced>) async throws {
    let narrator = stage.narrator
    narrator.step("The source's event id, evt-{order}-{time of publishing}: the publisher times out, retries, and builds the event again:")
    let keyed = try ShipmentStore(idempotent: true)
    var ids: [EventID] = []
    for attempt in 1...2 {
        let millisecondsSince1970 = Int((Date().timeIntervalSince1970 * 1_000).rounded(.down))
        let id = EventID("evt-\(order.event.order)-\(millisecondsSince1970)")
        ids.append(id)
        narrator.say("    attempt \(attempt): \(id)")
        try await keyed.ship(Envelope(id: id, occurredAt: order.occurredAt, event: order.event))
        // The retry comes after a timeout: at least a few milliseconds later, in practice seconds.
        try await Task.sleep(for: .milliseconds(5))
    }
    let shipped = try await keyed.shipmentsPerOrder()[order.event.order.rawValue] ?? 0
    shipped == 1
        ? narrator.ok("shipments for \(order.event.order): 1")
        : narrator.failed("shipments for \(order.event.order): \(shipped), with the key in place: the two ids differ, so ON CONFLICT (event_id) never fires")
    narrator.say(
        "    the fix: the id is made once, when the order is placed (\(order.id) here), and stored with it — the outbox of act 5 keeps it in the same transaction — so every retry and redelivery carries it."
    )
}
