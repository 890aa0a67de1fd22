import Database
import Foundation
import ServiceKit

/// A service's own database, used by one request at a time, with the service's idempotency
/// keys stored next to its data: the business change and the stored answer commit together.
actor ServiceDatabase {
    private let database: any Database

    /// Opens the database at `location` — a scratch schema of its own on PostgreSQL. A new one
    /// gets the idempotency table and the service's own `schema`, then `seed` fills it; one that
    /// already has them (a SQLite file, after a restart) is used as it is.
    init(location: DatabaseLocation, schema: String, seed: @Sendable (any Database) throws -> Void) throws {
        database = try location.openService(unlessItHas: "idempotency_keys") { database in
            try database.transaction {
                try database.executeScript(
                    """
                    CREATE TABLE idempotency_keys (
                        key TEXT PRIMARY KEY,
                        fingerprint TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    \(schema)
                    """)
                try seed(database)
            }
        }
    }

    /// Runs `work` in one transaction. With a key: the same key and the same request replays the
    /// stored answer; the same key with a different request is refused with 422. Refusals are
    /// stored like successes; failures of the database itself (500) are not, so a retry runs again.
    func perform(
        _ operation: String, key: String?, request: some Encodable,
        work: @Sendable (any Database) throws -> Answer
    ) -> Answer {
        let fingerprint = operation + " " + String(decoding: JSON.encode(request), as: UTF8.self)
        do {
            return try database.transaction {
                if let key,
                    let stored = try database.query(
                        "SELECT fingerprint, status, body FROM idempotency_keys WHERE key = $1", .text(key)
                    ).first
                {
                    guard try stored.string("fingerprint") == fingerprint else {
                        return Answer.error("idempotency key \(key) was used for a different request", status: 422)
                    }
                    return Answer(status: try stored.int("status"), body: Data(try stored.string("body").utf8))
                }
                let answer: Answer
                do { answer = try work(database) } catch let refusal as Refusal { answer = refusal.answer }
                if let key {
                    try database.execute(
                        "INSERT INTO idempotency_keys (key, fingerprint, status, body) VALUES ($1, $2, $3, $4)",
                        .text(key), .text(fingerprint), .int(answer.status), .text(String(decoding: answer.body, as: UTF8.self)))
                }
                return answer
            }
        } catch {
            return .error("database failure: \(error)", status: 500)
        }
    }

    /// Reads without changing anything.
    func read<Value: Sendable>(_ body: @Sendable (any Database) throws -> Value) throws -> Value {
        try body(database)
    }
}

extension Endpoint {
    /// Decodes the body as `Request` (400 when it cannot), checks it with `problem` (400 with
    /// the problem's words), and performs `work` idempotently in `store`.
    func handle<Request: Codable & Sendable>(
        _ operation: String, _ type: Request.Type, key: String?, body: Data, in store: ServiceDatabase,
        problem: @Sendable (Request) -> String? = { _ in nil },
        work: @escaping @Sendable (Request, any Database) throws -> Answer
    ) async -> Answer {
        let request: Request
        do { request = try JSON.decode(Request.self, from: body) } catch { return error.answer }
        if let problem = problem(request) { return BadRequest(reason: problem).answer }
        return await store.perform(operation, key: key, request: request) { database in try work(request, database) }
    }

    /// The store's state as an answer.
    func stateAnswer<Value: Encodable & Sendable>(_ store: ServiceDatabase, _ read: @Sendable @escaping (any Database) throws -> Value) async -> Answer {
        do { return .json(try await store.read(read)) } catch { return .error("database failure: \(error)", status: 500) }
    }
}
