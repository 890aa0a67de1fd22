import EventBusKit
import WorkbookKit

/// The shop's in-process event bus.
///
/// The contract, which the graded checks hold it to:
/// - **Subscribe.** Each consumer has a unique name (a second subscription under the same name
///   throws ``EventBusError/consumerAlreadySubscribed(_:)``) and receives every event of its type
///   published *after* it subscribed — not earlier ones.
/// - **Publish** enqueues the event for every subscriber of its type and returns at once, without
///   waiting for any handler. With no subscriber it does nothing.
/// - **Ordered, isolated delivery.** Each subscriber has its own queue and its own delivery task:
///   it handles its events one at a time, in publish order; a slow, stuck or failing subscriber
///   never delays or breaks another subscriber or the publisher.
/// - **Retries, then dead letters.** A handler that throws is tried again after waiting
///   `retry.backoff(after: attempt)` on `clock`, up to `retry.maxAttempts` attempts in all; then
///   the event goes to the dead-letter queue with the last error and the attempt count, and the
///   subscriber moves on to its next event. Nothing is dropped silently.
/// - **Deduplication per (consumer, event id).** Once a consumer has finished an event — handled
///   it, or dead-lettered it — a later delivery of the same event id to that consumer is dropped
///   without calling the handler. Replaying a dead letter is the one way to deliver it again.
/// - **Lag**: per subscriber, the events given to it and not finished yet (queued or in progress).
/// - **Idle**: ``waitUntilIdle()`` returns once every subscriber has finished everything given to
///   it, replays included.
public actor ShopEventBus: EventBus {
    let clock: any WorkbookClock
    let retry: RetryPolicy
    /// Every subscriber's delivery path, by consumer name.
    var subscriptions: [String: Subscription] = [:]
    /// Consumer names in the order they subscribed.
    var consumers: [String] = []
    /// Events given up on, oldest first.
    var letters: [DeadLetter] = []
    /// Callers of `waitUntilIdle()` still waiting.
    var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(clock: any WorkbookClock = SystemClock(), retry: RetryPolicy = .standard) {
        self.clock = clock
        self.retry = retry
    }

    /// Subscribes `consumer` to every event of type `E` published from now on.
    /// - Throws: ``EventBusError/consumerAlreadySubscribed(_:)`` for a name already in use.
    public func subscribe<E: ShopEvent>(
        _ consumer: String, to type: E.Type, handler: @escaping @Sendable (Envelope<E>) async throws -> Void
    ) throws {
        // TODO: refuse a consumer name already in `subscriptions`.
        // TODO: store a `Subscription` whose type-erased handler casts the payload back to `Envelope<E>`.
        // TODO: remember the name in `consumers`, so publish visits subscribers in subscription order.
        throw NotAttempted(function: "subscribe(_:to:handler:)", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Enqueues the event for every subscriber of its type, in subscription order, and returns.
    public func publish<E: ShopEvent>(_ envelope: Envelope<E>) throws {
        // TODO: for every consumer subscribed to `E.typeName`, `enqueue` a `Delivery` (not a replay).
        // TODO: return at once: never await a handler here.
        throw NotAttempted(function: "publish(_:)", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Returns once no subscriber has anything queued or in progress.
    public func waitUntilIdle() async throws {
        // TODO: return at once when no subscriber is busy and every queue is empty.
        // TODO: otherwise park a continuation in `idleWaiters`; `takeNext` resumes it.
        throw NotAttempted(function: "waitUntilIdle()", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// The dead letters, oldest first.
    public func deadLetters() throws -> [DeadLetter] {
        // TODO: answer the dead letters, oldest first.
        throw NotAttempted(function: "deadLetters()", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Empties the dead-letter queue and enqueues each letter for its consumer again, oldest first.
    public func replayDeadLetters() throws {
        // TODO: take every letter off the queue, oldest first.
        // TODO: enqueue each for its consumer again as a replay, with the payload kept in `deadPayloads`.
        throw NotAttempted(function: "replayDeadLetters()", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Events given to each subscriber and not finished yet.
    public func lag() throws -> [String: Int] {
        // TODO: for every subscriber: its queue's length, plus one while an event is in progress.
        throw NotAttempted(function: "lag()", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Delivers `consumer`'s queue, one event at a time, until it is empty.
    func drain(_ consumer: String) async throws {
        // TODO: loop on `takeNext(for:)` until it answers nil.
        // TODO: drop a delivery whose id this consumer has already finished, unless it is a replay.
        // TODO: call the handler; on success, mark the id finished.
        // TODO: on failure, wait `retry.backoff(after: attempt)` on `clock` and try again, up to `retry.maxAttempts` attempts;
        // TODO: then append a `DeadLetter` (last error, attempts), keep the payload for replay, mark the id finished, move on.
        throw NotAttempted(function: "drain(_:)", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Appends `delivery` to `consumer`'s queue and starts its delivery task unless one is running.
    func enqueue(_ delivery: Delivery, for consumer: String) throws {
        // TODO: append to the consumer's queue.
        // TODO: if no delivery task is running for it, mark it busy and start one: `Task { try await self.drain(consumer) }`.
        throw NotAttempted(function: "enqueue(_:for:)", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }

    /// Takes the next event off `consumer`'s queue. When there is none, marks the subscriber idle,
    /// wakes the callers of ``waitUntilIdle()`` if every subscriber is now idle, and answers `nil`.
    func takeNext(for consumer: String) throws -> Delivery? {
        // TODO: pop the front of the consumer's queue and answer it.
        // TODO: when the queue is empty: mark the subscriber not busy, resume every idle waiter if all subscribers are idle, answer nil.
        throw NotAttempted(function: "takeNext(for:)", file: "Exercises/03-event-bus/ShopEventBus.swift")
    }
}

/// One subscriber's delivery path: its handler, its queue, and what it has finished.
struct Subscription {
    let typeName: String
    let handler: @Sendable (any Sendable) async throws -> Void
    var queue: [Delivery] = []
    /// Whether a delivery task is running for this subscriber.
    var busy = false
    /// Event ids this consumer has handled or dead-lettered.
    var finished: Set<EventID> = []
    /// The payloads of this consumer's dead letters, for replay.
    var deadPayloads: [EventID: any Sendable] = [:]

    init(typeName: String, handler: @escaping @Sendable (any Sendable) async throws -> Void) {
        self.typeName = typeName
        self.handler = handler
    }
}

/// One event waiting in a subscriber's queue.
struct Delivery: Sendable {
    let record: EventRecord
    let payload: any Sendable
    /// A replayed dead letter is delivered even though its consumer finished it.
    let isReplay: Bool
}
