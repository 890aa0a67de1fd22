import Database
import Foundation

/// The outbox: events written in the same transaction as the change they report, so that a
/// committed change always has its event, and a rolled-back one never does. A relay publishes
/// them after the commit.
public enum Outbox {
    /// Drops (when a lesson made it) and creates the `outbox` table; refuses, with
    /// ``ForeignTablesError``, when a table of that name was made by someone else.
    public static func recreate(on database: any Database) throws {
        try LessonTables.recreate(
            ["outbox"], on: database,
            create: """
                CREATE TABLE outbox (
                    sequence BIGINT PRIMARY KEY,
                    event_id TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    occurred_at_ns BIGINT NOT NULL,
                    payload TEXT NOT NULL,
                    sent BIGINT NOT NULL DEFAULT 0
                )
                """)
    }

    /// Appends the event after the last one. Call it inside the transaction of the change.
    public static func append<E: ShopEvent>(_ envelope: Envelope<E>, to database: any Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = String(decoding: try encoder.encode(envelope.event), as: UTF8.self)
        let (seconds, attoseconds) = envelope.occurredAt.components
        try database.execute(
            """
            INSERT INTO outbox (sequence, event_id, type, version, occurred_at_ns, payload)
            SELECT COALESCE(MAX(sequence), 0) + 1, $1, $2, $3, $4, $5 FROM outbox
            """,
            .text(envelope.id.rawValue), .text(envelope.type), .int(envelope.version),
            .integer(seconds * 1_000_000_000 + attoseconds / 1_000_000_000), .text(payload))
    }

    /// How many rows are waiting to be published.
    public static func unsentCount(in database: any Database) throws -> Int {
        try database.query("SELECT COUNT(*) AS waiting FROM outbox WHERE sent = 0").first?.int("waiting") ?? 0
    }
}

/// Publishes the outbox's unsent events in order and marks each one sent after publishing it.
///
/// A crash between the two leaves the row unsent, so the next run publishes it again: delivery
/// is at least once, and consumers must be idempotent.
public struct OutboxRelay<Event: ShopEvent> {
    /// Thrown by a planted crash between publishing an event and marking it sent.
    public struct Crashed: Error, CustomStringConvertible {
        public let event: EventID
        public var description: String { "relay crashed after publishing \(event), before marking it sent" }
    }

    public let database: any Database
    public let bus: any EventBus

    public init(database: any Database, bus: any EventBus) {
        self.database = database
        self.bus = bus
    }

    /// Publishes every unsent `Event` row, oldest first; answers how many it published.
    /// With `crashAfterPublishing: n`, it dies after publishing the n-th, before marking it.
    @discardableResult
    public func run(crashAfterPublishing: Int? = nil) async throws -> Int {
        let rows = try database.query(
            "SELECT sequence, event_id, occurred_at_ns, payload FROM outbox WHERE sent = 0 AND type = $1 ORDER BY sequence",
            .text(Event.typeName))
        var published = 0
        for row in rows {
            let envelope = Envelope(
                id: EventID(try row.string("event_id")), occurredAt: .nanoseconds(try row.int("occurred_at_ns")),
                event: try JSONDecoder().decode(Event.self, from: Data(try row.string("payload").utf8)))
            try await bus.publish(envelope)
            published += 1
            if published == crashAfterPublishing { throw Crashed(event: envelope.id) }
            try database.execute("UPDATE outbox SET sent = 1 WHERE sequence = $1", .int(try row.int("sequence")))
        }
        return published
    }
}
