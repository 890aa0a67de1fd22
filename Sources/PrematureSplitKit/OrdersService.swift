import Database
import Foundation
import ServiceKit

/// The orders service: the orders the shop has accepted, in a database of its own.
/// Operations: `record` (RecordOrder → RecordedOrder) and its compensation `cancel`
/// (OrderReference → Undone, the orders cancelled).
public struct OrdersService: Endpoint {
    public let name = "orders"
    public let operations = ["record", "cancel"]
    private let store: ServiceDatabase

    public init(location: DatabaseLocation) throws {
        store = try ServiceDatabase(
            location: location,
            schema: """
                CREATE TABLE orders (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, total_cents INTEGER NOT NULL,
                    reservation_id TEXT NOT NULL, cancelled INTEGER NOT NULL);
                """,
            seed: { _ in })
    }

    public func answer(_ operation: String, idempotencyKey key: String?, body: Data) async -> Answer {
        switch operation {
        case "record":
            await handle(operation, RecordOrder.self, key: key, body: body, in: store, problem: Self.problem, work: Self.record)
        default:
            await handle(operation, OrderReference.self, key: key, body: body, in: store, work: Self.cancel)
        }
    }

    public func state() async -> Answer {
        await stateAnswer(store) { database in
            OrdersState(
                orders: try database.query("SELECT id, customer_id, total_cents, cancelled FROM orders").map {
                    OrdersState.Accepted(
                        orderID: try $0.string("id"), customerID: try $0.string("customer_id"),
                        totalCents: try $0.int("total_cents"), cancelled: try $0.int("cancelled") == 1)
                })
        }
    }

    static func problem(_ request: RecordOrder) -> String? {
        if request.orderID.isEmpty { return "orderID must not be empty" }
        if request.totalCents <= 0 { return "totalCents must be positive" }
        return nil
    }

    static func record(_ request: RecordOrder, in database: any Database) throws -> Answer {
        guard try database.query("SELECT id FROM orders WHERE id = $1", .text(request.orderID)).isEmpty else {
            throw Refusal.unprocessable("order \(request.orderID) is already recorded")
        }
        try database.execute(
            "INSERT INTO orders (id, customer_id, total_cents, reservation_id, cancelled) VALUES ($1, $2, $3, $4, 0)",
            .text(request.orderID), .text(request.customerID), .int(request.totalCents), .text(request.reservationID))
        return .json(RecordedOrder(orderID: request.orderID))
    }

    static func cancel(_ request: OrderReference, in database: any Database) throws -> Answer {
        let cancelled = try database.execute(
            "UPDATE orders SET cancelled = 1 WHERE id = $1 AND cancelled = 0", .text(request.orderID))
        return .json(Undone(orderID: request.orderID, undone: cancelled))
    }
}

/// What GET /state answers for orders.
public struct OrdersState: Codable, Sendable, Hashable {
    /// One order and whether a compensation cancelled it.
    public struct Accepted: Codable, Sendable, Hashable {
        public var orderID: String
        public var customerID: String
        public var totalCents: Int
        public var cancelled: Bool
    }

    public var orders: [Accepted]
}
