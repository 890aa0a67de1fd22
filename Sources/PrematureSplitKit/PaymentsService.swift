import Database
import Foundation
import ServiceKit
import Shop

/// The payments service: customers' balances and charges, in a database of its own.
/// Operations: `charge` (ChargeCustomer → Charge) and its compensation `refund`
/// (OrderReference → Undone, the cents given back).
public struct PaymentsService: Endpoint {
    public let name = "payments"
    public let operations = ["charge", "refund"]
    private let store: ServiceDatabase

    public init(location: DatabaseLocation, seed: ShopSeed) throws {
        let customers = seed.customers
        store = try ServiceDatabase(
            location: location,
            schema: """
                CREATE TABLE accounts (customer_id TEXT PRIMARY KEY, balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0));
                CREATE TABLE charges (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, customer_id TEXT NOT NULL,
                    amount_cents INTEGER NOT NULL, refunded INTEGER NOT NULL);
                """,
            seed: { database in
                for customer in customers {
                    try database.execute(
                        "INSERT INTO accounts (customer_id, balance_cents) VALUES ($1, $2)",
                        .text(customer.id.rawValue), .int(customer.balance.value))
                }
            })
    }

    public func answer(_ operation: String, idempotencyKey key: String?, body: Data) async -> Answer {
        switch operation {
        case "charge":
            await handle(operation, ChargeCustomer.self, key: key, body: body, in: store, problem: Self.problem, work: Self.charge)
        default:
            await handle(operation, OrderReference.self, key: key, body: body, in: store, work: Self.refund)
        }
    }

    /// Charges without JSON on the way in: what the gRPC door and the queue's consumer call,
    /// with the same rules, the same idempotency keys and the same database as POST /charge.
    public func charge(_ request: ChargeCustomer, idempotencyKey key: String?) async -> Answer {
        if let problem = Self.problem(request) { return BadRequest(reason: problem).answer }
        return await store.perform("charge", key: key, request: request) { database in try Self.charge(request, in: database) }
    }

    public func state() async -> Answer {
        await stateAnswer(store) { database in
            PaymentsState(
                balances: Dictionary(
                    uniqueKeysWithValues: try database.query("SELECT customer_id, balance_cents FROM accounts").map {
                        (try $0.string("customer_id"), try $0.int("balance_cents"))
                    }),
                charges: try database.query("SELECT id, order_id, amount_cents, refunded FROM charges").map {
                    PaymentsState.Taken(
                        chargeID: try $0.string("id"), orderID: try $0.string("order_id"),
                        amountCents: try $0.int("amount_cents"), refunded: try $0.int("refunded") == 1)
                })
        }
    }

    static func problem(_ request: ChargeCustomer) -> String? {
        if request.orderID.isEmpty { return "orderID must not be empty" }
        if request.amountCents <= 0 { return "amountCents must be positive" }
        return nil
    }

    static func charge(_ request: ChargeCustomer, in database: any Database) throws -> Answer {
        guard
            let account = try database.query(
                "SELECT balance_cents FROM accounts WHERE customer_id = $1", .text(request.customerID)
            ).first
        else { throw Refusal.unprocessable("unknown customer \(request.customerID)") }
        guard try account.int("balance_cents") >= request.amountCents else {
            throw Refusal.paymentRequired("insufficient funds: \(request.customerID) cannot pay \(request.amountCents) cents")
        }
        let count = try database.query("SELECT COUNT(*) AS n FROM charges")[0].int("n")
        let chargeID = "ch-\(count + 1)"
        try database.execute(
            "UPDATE accounts SET balance_cents = balance_cents - $1 WHERE customer_id = $2",
            .int(request.amountCents), .text(request.customerID))
        try database.execute(
            "INSERT INTO charges (id, order_id, customer_id, amount_cents, refunded) VALUES ($1, $2, $3, $4, 0)",
            .text(chargeID), .text(request.orderID), .text(request.customerID), .int(request.amountCents))
        return .json(Charge(chargeID: chargeID, amountCents: request.amountCents))
    }

    static func refund(_ request: OrderReference, in database: any Database) throws -> Answer {
        let charges = try database.query(
            "SELECT customer_id, amount_cents FROM charges WHERE order_id = $1 AND refunded = 0", .text(request.orderID))
        var cents = 0
        for charge in charges {
            cents += try charge.int("amount_cents")
            try database.execute(
                "UPDATE accounts SET balance_cents = balance_cents + $1 WHERE customer_id = $2",
                .int(try charge.int("amount_cents")), .text(try charge.string("customer_id")))
        }
        try database.execute("UPDATE charges SET refunded = 1 WHERE order_id = $1", .text(request.orderID))
        return .json(Undone(orderID: request.orderID, undone: cents))
    }
}

/// What GET /state answers for payments.
public struct PaymentsState: Codable, Sendable, Hashable {
    /// One charge: for which order, how much, whether it was refunded.
    public struct Taken: Codable, Sendable, Hashable {
        public var chargeID: String
        public var orderID: String
        public var amountCents: Int
        public var refunded: Bool
    }

    public var balances: [String: Int]
    public var charges: [Taken]
}
