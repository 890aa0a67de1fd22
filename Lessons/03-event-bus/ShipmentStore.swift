import Database
import EventBusKit
import Shop

/// The shipping consumer's own database: one shipment per order placed.
///
/// Idempotent, it keys each shipment on the event id (`ON CONFLICT DO NOTHING`), so a duplicate
/// delivery has no second effect; naive, it inserts whatever it is given.
actor ShipmentStore {
    private let database: SQLiteDatabase
    let idempotent: Bool

    init(idempotent: Bool) throws {
        database = try SQLiteDatabase()
        self.idempotent = idempotent
        try database.executeScript(
            idempotent
                ? "CREATE TABLE shipments (event_id TEXT PRIMARY KEY, order_id TEXT NOT NULL)"
                : "CREATE TABLE shipments (event_id TEXT NOT NULL, order_id TEXT NOT NULL)")
    }

    /// Creates the shipment for an order placed.
    func ship(_ envelope: Envelope<OrderPlaced>) throws {
        try database.execute(
            idempotent
                ? "INSERT INTO shipments (event_id, order_id) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING"
                : "INSERT INTO shipments (event_id, order_id) VALUES ($1, $2)",
            .text(envelope.id.rawValue), .text(envelope.event.order.rawValue))
    }

    /// Shipments per order id.
    func shipmentsPerOrder() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try database.query("SELECT order_id, COUNT(*) AS shipments FROM shipments GROUP BY order_id") {
            counts[try row.string("order_id")] = try row.int("shipments")
        }
        return counts
    }
}
