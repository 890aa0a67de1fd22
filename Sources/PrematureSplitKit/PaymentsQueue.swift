import Database
import Foundation
import ServiceKit

/// A queue of charges in front of payments: a table in a SQLite file of its own, which the
/// checkout writes to and the payments process reads from, each with its own connection. The
/// checkout's part ends when the message is stored; payments takes it when it can — at once
/// while it runs, after a restart when it was down — and records what came of it.
///
/// Delivery is at least once: a consumer that dies between the charge and the record of it
/// takes the message again, and the idempotency key (the message's) makes the second charge
/// replay the first. A message payments refuses (not enough money) is delivered all the same:
/// the refusal is its outcome, which the checkout learns later, not in its answer to the customer.
public actor PaymentsQueue {
    private let database: SQLiteDatabase

    /// Opens the queue in `path`, making its tables the first time.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try database.executeScript(
            """
            CREATE TABLE IF NOT EXISTS waiting (
                id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, enqueued_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS delivered (
                key TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, enqueued_at INTEGER NOT NULL, delivered_at INTEGER NOT NULL);
            """)
    }

    /// Stores a charge for payments to take. The same key twice is one message: false the second time.
    @discardableResult
    public func enqueue(_ charge: ChargeCustomer, idempotencyKey key: String) throws -> Bool {
        try database.execute(
            "INSERT INTO waiting (key, body, enqueued_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
            .text(key), .text(String(decoding: JSON.encode(charge), as: UTF8.self)), .int(Self.now())) == 1
    }

    /// How many messages wait.
    public func waiting() throws -> Int { try database.query("SELECT COUNT(*) AS n FROM waiting")[0].int("n") }

    /// What payments made of each message it took, oldest first.
    public func delivered() throws -> [Delivery] {
        try database.query("SELECT key, status, body, enqueued_at, delivered_at FROM delivered ORDER BY delivered_at").map {
            Delivery(
                key: try $0.string("key"), answer: Answer(status: try $0.int("status"), body: Data(try $0.string("body").utf8)),
                waited: .microseconds(try $0.int("delivered_at") - $0.int("enqueued_at")))
        }
    }

    /// Payments' side: takes the oldest message, charges it, records the outcome and removes the
    /// message (in one transaction of the queue's file). Returns whether it delivered one: false
    /// when none waits, or when the charge failed in the database (5xx) and stays for a later try.
    public func deliverOne(to payments: PaymentsService) async throws -> Bool {
        guard let next = try database.query("SELECT id, key, body, enqueued_at FROM waiting ORDER BY id LIMIT 1").first else { return false }
        let id = try next.int("id")
        let key = try next.string("key")
        let body = Data(try next.string("body").utf8)
        let answer: Answer
        do throws(BadRequest) {
            answer = await payments.charge(try JSON.decode(ChargeCustomer.self, from: body), idempotencyKey: key)
        } catch {
            answer = error.answer
        }
        guard answer.status < 500 else { return false }
        try database.transaction {
            try database.execute(
                "INSERT INTO delivered (key, status, body, enqueued_at, delivered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING",
                .text(key), .int(answer.status), .text(String(decoding: answer.body, as: UTF8.self)), .int(try next.int("enqueued_at")), .int(Self.now()))
            try database.execute("DELETE FROM waiting WHERE id = $1", .int(id))
        }
        return true
    }

    /// How often payments' consumer looks for a message when none waited last time: a message
    /// that arrives then waits up to this long before it is taken.
    public static let poll = Duration.milliseconds(2)

    /// Payments' consumer: delivers every waiting message, then looks again every `poll`,
    /// until cancelled.
    public func consume(by payments: PaymentsService, poll: Duration) async {
        while !Task.isCancelled {
            do {
                if try await deliverOne(to: payments) { continue }
            } catch {
                // The file is busy or gone for a moment: look again at the next poll.
            }
            try? await Task.sleep(for: poll)
        }
    }

    /// Microseconds since 1970 by the wall clock, which both processes share: the producer's
    /// and the consumer's stamps are compared.
    static func now() -> Int { Int(Date().timeIntervalSince1970 * 1_000_000) }

    /// One message payments took: its key, the charge's answer, and how long it waited from
    /// the checkout's write to payments' record of the outcome.
    public struct Delivery: Sendable, Hashable {
        public var key: String
        public var answer: Answer
        public var waited: Duration
    }
}
