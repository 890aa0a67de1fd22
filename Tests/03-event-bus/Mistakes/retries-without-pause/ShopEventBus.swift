// Mistake: retries at once, without the backoff pause on the clock
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
        guard subscriptions[consumer] == nil else { throw EventBusError.consumerAlreadySubscribed(consumer) }
        subscriptions[consumer] = Subscription(typeName: E.typeName) { payload in
            try await handler(payload as! Envelope<E>)
        }
        consumers.append(consumer)
    }

    /// Enqueues the event for every subscriber of its type, in subscription order, and returns.
    public func publish<E: ShopEvent>(_ envelope: Envelope<E>) throws {
        for consumer in consumers where subscriptions[consumer]?.typeName == E.typeName {
            try enqueue(Delivery(record: envelope.record, payload: envelope, isReplay: false), for: consumer)
        }
    }

    /// Returns once no subscriber has anything queued or in progress.
    public func waitUntilIdle() async throws {
        if subscriptions.values.allSatisfy({ !$0.busy && $0.queue.isEmpty }) { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// The dead letters, oldest first.
    public func deadLetters() throws -> [DeadLetter] { letters }

    /// Empties the dead-letter queue and enqueues each letter for its consumer again, oldest first.
    public func replayDeadLetters() throws {
        let replayed = letters
        letters.removeAll()
        for letter in replayed {
            guard let original = subscriptions[letter.consumer]?.deadPayloads[letter.event.id] else { continue }
            try enqueue(Delivery(record: letter.event, payload: original, isReplay: true), for: letter.consumer)
        }
    }

    /// Events given to each subscriber and not finished yet.
    public func lag() throws -> [String: Int] {
        subscriptions.mapValues { $0.queue.count + ($0.busy ? 1 : 0) }
    }

    /// Delivers `consumer`'s queue, one event at a time, until it is empty.
    func drain(_ consumer: String) async throws {
        while let delivery = try takeNext(for: consumer) {
            guard let subscription = subscriptions[consumer] else { return }
            if !delivery.isReplay && subscription.finished.contains(delivery.record.id) {
                continue  // a duplicate: this consumer has already finished this event
            }
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try await subscription.handler(delivery.payload)
                    subscriptions[consumer]?.finished.insert(delivery.record.id)
                    break
                } catch {
                    if attempt >= retry.maxAttempts {
                        letters.append(DeadLetter(consumer: consumer, event: delivery.record, error: String(describing: error), attempts: attempt))
                        subscriptions[consumer]?.finished.insert(delivery.record.id)
                        subscriptions[consumer]?.deadPayloads[delivery.record.id] = delivery.payload
                        break
                    }
                    continue
                }
            }
        }
    }

    /// Appends `delivery` to `consumer`'s queue and starts its delivery task unless one is running.
    func enqueue(_ delivery: Delivery, for consumer: String) throws {
        subscriptions[consumer]?.queue.append(delivery)
        if subscriptions[consumer]?.busy == false {
            subscriptions[consumer]?.busy = true
            Task { try await self.drain(consumer) }
        }
    }

    /// Takes the next event off `consumer`'s queue. When there is none, marks the subscriber idle,
    /// wakes the callers of ``waitUntilIdle()`` if every subscriber is now idle, and answers `nil`.
    func takeNext(for consumer: String) throws -> Delivery? {
        guard var subscription = subscriptions[consumer] else { return nil }
        if subscription.queue.isEmpty {
            subscription.busy = false
            subscriptions[consumer] = subscription
            if subscriptions.values.allSatisfy({ !$0.busy && $0.queue.isEmpty }) {
                idleWaiters.forEach { $0.resume() }
                idleWaiters.removeAll()
            }
            return nil
        }
        let next = subscription.queue.removeFirst()
        subscriptions[consumer] = subscription
        return next
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
