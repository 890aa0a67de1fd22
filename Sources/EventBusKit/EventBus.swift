/// The bus between the shop's modules: publishers say what happened; every subscriber of that
/// event type gets it, in publish order, on its own delivery path.
///
/// Implemented by the student in `Exercises/03-event-bus/ShopEventBus.swift`; the full contract
/// is in that file's doc comments.
public protocol EventBus: AnyObject, Sendable {
    /// Subscribes `consumer` (a unique name) to every event of type `E` published from now on.
    func subscribe<E: ShopEvent>(
        _ consumer: String, to type: E.Type, handler: @escaping @Sendable (Envelope<E>) async throws -> Void
    ) async throws

    /// Hands the event to every subscriber of its type and returns without waiting for them.
    func publish<E: ShopEvent>(_ envelope: Envelope<E>) async throws

    /// Returns once every subscriber has finished every event given to it so far.
    func waitUntilIdle() async throws

    /// The events that failed every attempt, in the order they were given up on.
    func deadLetters() async throws -> [DeadLetter]

    /// Takes every dead letter off the queue and gives it to its consumer again.
    func replayDeadLetters() async throws

    /// For every subscriber: events given to it and not finished yet (queued or in progress).
    func lag() async throws -> [String: Int]
}

/// How often a failing handler is tried, and how long the bus waits between tries.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included; at least 1.
    public let maxAttempts: Int
    /// The wait before the second attempt; each later wait doubles.
    public let initialBackoff: Duration

    public init(maxAttempts: Int, initialBackoff: Duration) {
        precondition(maxAttempts >= 1, "a handler is tried at least once")
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
    }

    /// The wait after failed attempt `attempt` (1-based): initial, 2× initial, 4× initial, …
    public func backoff(after attempt: Int) -> Duration {
        initialBackoff * (1 << min(max(attempt - 1, 0), 30))
    }

    /// Three attempts, 100 ms then 200 ms apart.
    public static let standard = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100))
}

/// An event a consumer failed on every attempt: kept, with why, until someone replays it.
public struct DeadLetter: Sendable, Hashable, CustomStringConvertible {
    public let consumer: String
    public let event: EventRecord
    /// The last attempt's error, as `String(describing:)` gives it.
    public let error: String
    public let attempts: Int

    public init(consumer: String, event: EventRecord, error: String, attempts: Int) {
        self.consumer = consumer
        self.event = event
        self.error = error
        self.attempts = attempts
    }

    public var description: String { "\(consumer) gave up on \(event) after \(attempts) attempt(s): \(error)" }
}

/// Why the bus refused a call.
public enum EventBusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A consumer name is already subscribed; names identify consumers for deduplication.
    case consumerAlreadySubscribed(String)

    public var description: String {
        switch self {
        case .consumerAlreadySubscribed(let name): "a consumer named \(name) is already subscribed"
        }
    }
}
