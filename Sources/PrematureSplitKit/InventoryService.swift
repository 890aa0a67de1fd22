import Database
import Foundation
import ServiceKit
import Shop

/// The inventory service: products, stock and reservations, in a database of its own.
/// Operations: `reserve` (ReserveStock → Reservation) and its compensation `release`
/// (OrderReference → Undone, the units put back).
public struct InventoryService: Endpoint {
    public let name = "inventory"
    public let operations = ["reserve", "release"]
    private let store: ServiceDatabase

    public init(location: DatabaseLocation, seed: ShopSeed) throws {
        let products = seed.products
        store = try ServiceDatabase(
            location: location,
            schema: """
                CREATE TABLE products (id TEXT PRIMARY KEY, name TEXT NOT NULL,
                    price_cents INTEGER NOT NULL, stock INTEGER NOT NULL CHECK (stock >= 0));
                CREATE TABLE reservations (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, active INTEGER NOT NULL);
                CREATE TABLE reservation_lines (reservation_id TEXT NOT NULL REFERENCES reservations (id),
                    product_id TEXT NOT NULL, quantity INTEGER NOT NULL);
                """,
            seed: { database in
                for product in products {
                    try database.execute(
                        "INSERT INTO products (id, name, price_cents, stock) VALUES ($1, $2, $3, $4)",
                        .text(product.id.rawValue), .text(product.name), .int(product.price.value), .int(product.stock))
                }
            })
    }

    public func answer(_ operation: String, idempotencyKey key: String?, body: Data) async -> Answer {
        switch operation {
        case "reserve":
            await handle(operation, ReserveStock.self, key: key, body: body, in: store, problem: Self.problem, work: Self.reserve)
        default:
            await handle(operation, OrderReference.self, key: key, body: body, in: store, work: Self.release)
        }
    }

    public func state() async -> Answer {
        await stateAnswer(store) { database in
            InventoryState(
                stock: Dictionary(
                    uniqueKeysWithValues: try database.query("SELECT id, stock FROM products").map {
                        (try $0.string("id"), try $0.int("stock"))
                    }),
                reservations: try database.query(
                    """
                    SELECT r.id, r.order_id, r.active, SUM(l.quantity) AS units FROM reservations r
                    JOIN reservation_lines l ON l.reservation_id = r.id GROUP BY r.id, r.order_id, r.active
                    """
                ).map {
                    InventoryState.Held(
                        reservationID: try $0.string("id"), orderID: try $0.string("order_id"),
                        units: try $0.int("units"), active: try $0.int("active") == 1)
                })
        }
    }

    static func problem(_ request: ReserveStock) -> String? {
        if request.orderID.isEmpty { return "orderID must not be empty" }
        if request.lines.isEmpty { return "an order needs at least one line" }
        if request.lines.contains(where: { !(1...1000).contains($0.quantity) }) { return "quantities must be 1…1000" }
        return nil
    }

    static func reserve(_ request: ReserveStock, in database: any Database) throws -> Answer {
        var wanted: [String: Int] = [:]
        for line in request.lines { wanted[line.productID, default: 0] += line.quantity }
        var total = 0
        for (product, quantity) in wanted.sorted(by: { $0.key < $1.key }) {
            guard let row = try database.query("SELECT price_cents, stock FROM products WHERE id = $1", .text(product)).first
            else { throw Refusal.unprocessable("unknown product \(product)") }
            guard try row.int("stock") >= quantity else {
                throw Refusal.unprocessable("only \(try row.int("stock")) of \(product) in stock, \(quantity) wanted")
            }
            total += try row.int("price_cents") * quantity
        }
        let count = try database.query("SELECT COUNT(*) AS n FROM reservations")[0].int("n")
        let reservationID = "res-\(count + 1)"
        try database.execute("INSERT INTO reservations (id, order_id, active) VALUES ($1, $2, 1)", .text(reservationID), .text(request.orderID))
        for (product, quantity) in wanted {
            try database.execute("UPDATE products SET stock = stock - $1 WHERE id = $2", .int(quantity), .text(product))
            try database.execute(
                "INSERT INTO reservation_lines (reservation_id, product_id, quantity) VALUES ($1, $2, $3)",
                .text(reservationID), .text(product), .int(quantity))
        }
        return .json(Reservation(reservationID: reservationID, totalCents: total))
    }

    static func release(_ request: OrderReference, in database: any Database) throws -> Answer {
        let lines = try database.query(
            """
            SELECT l.product_id, l.quantity FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
            WHERE r.order_id = $1 AND r.active = 1
            """, .text(request.orderID))
        var units = 0
        for line in lines {
            units += try line.int("quantity")
            try database.execute(
                "UPDATE products SET stock = stock + $1 WHERE id = $2", .int(try line.int("quantity")), .text(try line.string("product_id")))
        }
        try database.execute("UPDATE reservations SET active = 0 WHERE order_id = $1", .text(request.orderID))
        return .json(Undone(orderID: request.orderID, undone: units))
    }
}

/// What GET /state answers for inventory.
public struct InventoryState: Codable, Sendable, Hashable {
    /// One reservation: for which order, how many units, whether it still holds them.
    public struct Held: Codable, Sendable, Hashable {
        public var reservationID: String
        public var orderID: String
        public var units: Int
        public var active: Bool
    }

    public var stock: [String: Int]
    public var reservations: [Held]
}
