import Shop

/// Something that happened in the shop, told to whoever cares: "order placed", not "ship this".
///
/// An event type has a stable name and a version, because its schema is a public API: consumers
/// you do not know about depend on it.
public protocol ShopEvent: Codable, Sendable, Hashable {
    /// The event's name on the bus, e.g. `order.placed`.
    static var typeName: String { get }
    /// The schema version; a breaking change gets a new version, never an edit in place.
    static var version: Int { get }
}

/// What an event id identifies: one thing that happened.
public enum Occurrence {}

/// Identifies one event. A duplicate delivery carries the same id, which is how consumers
/// recognise it.
public typealias EventID = Identifier<Occurrence>

/// An event with what the bus needs to deliver it: id, type, version and when it occurred.
public struct Envelope<Event: ShopEvent>: Sendable, Hashable, Codable {
    public let id: EventID
    /// When it occurred, on the publisher's ``WorkbookKit/WorkbookClock``.
    public let occurredAt: Duration
    public let event: Event

    public init(id: EventID, occurredAt: Duration, event: Event) {
        self.id = id
        self.occurredAt = occurredAt
        self.event = event
    }

    public var type: String { Event.typeName }
    public var version: Int { Event.version }

    /// The envelope without its payload's type, for dead letters and logs.
    public var record: EventRecord { EventRecord(id: id, type: type, version: version) }
}

/// What identifies an event whatever its payload type.
public struct EventRecord: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: EventID
    public let type: String
    public let version: Int

    public init(id: EventID, type: String, version: Int) {
        self.id = id
        self.type = type
        self.version = version
    }

    public var description: String { "\(type) v\(version) \(id)" }
}
