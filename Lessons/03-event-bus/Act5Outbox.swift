import Database
import EventBusKit
import Shop

/// Act 5: a crash between commit and publish loses the event; the outbox does not.
func actOutbox(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let orders = stage.orders(3, startingAt: 501)

    narrator.step("Without an outbox: commit the order, then publish. The process dies after committing order 2, before publishing it.")
    do {
        let database = try stage.location.open(schema: Stage.schema)
        try ShopSeed.standard.install(on: database)
        let shipping = try ShipmentStore(idempotent: true)
        let bus = stage.makeBus()
        try await bus.subscribe("shipping", to: OrderPlaced.self) { try await shipping.ship($0) }
        for (index, order) in orders.enumerated() {
            try database.transaction { try record(order.event, in: database) }
            if index == 1 { continue }  // the crash: committed, never published
            try await bus.publish(order)
        }
        try await bus.waitUntilIdle()
        try await show(stage, database: database, shipping: shipping)
        narrator.failed("order-502 is in the orders table and nobody will ever ship it: the event died with the process")
    }

    narrator.step("With the outbox: the order and its event commit in one transaction; a relay publishes after commit.")
    narrator.step("The relay dies after publishing order 2's event, before marking it sent; then it runs again.")
    let database = try stage.location.open(schema: Stage.schema)
    try ShopSeed.standard.install(on: database)
    try Outbox.recreate(on: database)
    let shipping = try ShipmentStore(idempotent: true)
    let bus = stage.makeBus()
    try await bus.subscribe("shipping", to: OrderPlaced.self) { try await shipping.ship($0) }
    for order in orders {
        try database.transaction {
            try record(order.event, in: database)
            try Outbox.append(order, to: database)
        }
    }
    let relay = OutboxRelay<OrderPlaced>(database: database, bus: bus)
    do {
        try await relay.run(crashAfterPublishing: 2)
    } catch let crash as OutboxRelay<OrderPlaced>.Crashed {
        narrator.failed(crash.description)
    }
    narrator.say("Unsent rows in the outbox after the crash: \(try Outbox.unsentCount(in: database))")
    let republished = try await relay.run()
    narrator.ok("the relay ran again and published \(republished) event(s), order 2's among them a second time")
    try await bus.waitUntilIdle()
    try await show(stage, database: database, shipping: shipping)
    let perOrder = try await shipping.shipmentsPerOrder()
    if perOrder.count == orders.count && perOrder.values.allSatisfy({ $0 == 1 }) {
        narrator.ok("three orders, three shipments: nothing lost, and the duplicate had no second effect")
    } else {
        narrator.failed("shipments per order: \(perOrder)")
    }
    narrator.notice("the outbox turns \"maybe lost\" into \"at least once\"; the consumer's key turns \"at least once\" into \"effectively once\".")
}

/// The order's state change: a row in the shop's orders table.
private func record(_ order: OrderPlaced, in database: any Database) throws {
    try database.execute(
        "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3)",
        .text(order.order.rawValue), .text(order.customer.rawValue), .int(order.total.value))
}

private func show(_ stage: Stage, database: any Database, shipping: ShipmentStore) async throws {
    let orders = try database.query("SELECT id FROM orders ORDER BY id").map { try $0.string("id") }
    let shipments = try await shipping.shipmentsPerOrder()
    stage.narrator.table(["orders table", "shipments"], orders.map { [$0, "\(shipments[$0] ?? 0)"] })
}
