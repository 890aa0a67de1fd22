// Mistake: keeps one waiter for waitUntilIdle(): a second caller replaces the first, which never returns
import DequeModule
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
///
/// How it is built: a subscriber's delivery task takes everything queued at once and handles it
/// before it looks again, and ends when it finds nothing; publishing starts one only when none is
/// running. A burst therefore costs one wake-up, not one per event. Everything the bus knows is
/// one ``BusState`` value behind one lock, which publishers, delivery tasks and readers take in
/// turn for well under a microsecond, never across an `await`: a handler runs with it released.
public final class ShopEventBus: EventBus {
    let clock: any WorkbookClock
    let retry: RetryPolicy
    let state = Locked(BusState())

    public init(clock: any WorkbookClock = SystemClock(), retry: RetryPolicy = .standard) {
        self.clock = clock
        self.retry = retry
    }

    /// Subscribes `consumer` to every event of type `E` published from now on.
    /// - Throws: ``EventBusError/consumerAlreadySubscribed(_:)`` for a name already in use.
    public func subscribe<E: ShopEvent>(
        _ consumer: String, to type: E.Type, handler: @escaping @Sendable (Envelope<E>) async throws -> Void
    ) throws {
        try state.withLock { bus in
            guard bus.subscriber(named: consumer) == nil else { throw EventBusError.consumerAlreadySubscribed(consumer) }
            bus.subscriptions.append(
                Subscription(consumer: consumer, typeName: E.typeName) { payload in try await handler(payload as! Envelope<E>) })
        }
    }

    /// Enqueues the event for every subscriber of its type, in subscription order, and returns.
    public func publish<E: ShopEvent>(_ envelope: Envelope<E>) throws {
        let delivery = Delivery(record: envelope.record, payload: envelope, isReplay: false)
        let sleeping = try state.withLock { bus in
            try bus.subscriptions.indices.filter { try bus.subscriptions[$0].typeName == E.typeName && bus.enqueue(delivery, for: $0) }
        }
        for subscriber in sleeping { startDelivery(for: subscriber) }
    }

    /// Returns once no subscriber has anything queued or in progress.
    public func waitUntilIdle() async throws {
        await withCheckedContinuation { waiter in
            let idle = state.withLock { bus in
                if bus.isIdle { return true }
                bus.idleWaiters = [waiter]
                return false
            }
            if idle { waiter.resume() }
        }
    }

    /// The dead letters, oldest first.
    public func deadLetters() throws -> [DeadLetter] {
        state.withLock { $0.parked.map(\.letter) }
    }

    /// Empties the dead-letter queue and enqueues each letter for its consumer again, oldest first.
    public func replayDeadLetters() throws {
        let sleeping = try state.withLock { bus in
            let replayed = bus.parked
            bus.parked.removeAll()
            return try replayed.filter { parked in
                try bus.enqueue(Delivery(record: parked.letter.event, payload: parked.delivery.payload, isReplay: true), for: parked.subscriber)
            }.map(\.subscriber)
        }
        for subscriber in sleeping { startDelivery(for: subscriber) }
    }

    /// Events given to each subscriber and not finished yet.
    public func lag() throws -> [String: Int] {
        state.withLock { bus in
            Dictionary(uniqueKeysWithValues: bus.subscriptions.map { ($0.consumer, $0.queue.count + $0.inProgress) })
        }
    }

    /// Starts the delivery task of a subscriber that `enqueue` has just marked busy.
    func startDelivery(for subscriber: Int) {
        Task { try await self.drain(subscriber) }
    }

    /// Delivers a subscriber's queue in batches until it is empty: takes everything queued at
    /// once, handles it in order, and takes the lock again only to count each event finished.
    /// The only code that awaits, and it never holds the lock while it does.
    func drain(_ subscriber: Int) async throws {
        while let (batch, consumer, handler) = try state.withLock({ try $0.takeBatch(for: subscriber) }) {
            for delivery in batch {
                let letter = try await deliver(delivery, to: consumer, handler)
                try state.withLock { try $0.finish(delivery, for: subscriber, deadLetter: letter) }
            }
        }
    }

    /// Calls `handler` with the event until it succeeds, waiting `retry.backoff(after: attempt)`
    /// on `clock` after each failed attempt, up to `retry.maxAttempts` attempts in all. Answers
    /// the dead letter when every attempt failed, `nil` when one succeeded.
    func deliver(_ delivery: Delivery, to consumer: String, _ handler: Handler) async throws -> DeadLetter? {
        var attempt = 0
        var lastError: any Error
        repeat {
            attempt += 1
            do {
                try await handler(delivery.payload)
                return nil
            } catch {
                lastError = error
                if attempt < retry.maxAttempts { try? await clock.sleep(for: retry.backoff(after: attempt)) }
            }
        } while attempt < retry.maxAttempts
        return DeadLetter(consumer: consumer, event: delivery.record, error: String(describing: lastError), attempts: attempt)
    }
}

/// A subscriber's handler, with its event type erased: it casts the payload back.
typealias Handler = @Sendable (any Sendable) async throws -> Void

/// Everything the bus knows. A plain value: only ``ShopEventBus`` changes it, holding its lock.
struct BusState: Sendable {
    /// Every subscriber's delivery path, in the order they subscribed; a subscriber is its index.
    var subscriptions: [Subscription] = []
    /// Events given up on, oldest first, each with what replaying it needs.
    var parked: [ParkedEvent] = []
    /// Callers of `waitUntilIdle()` still waiting.
    var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// The subscriber with this consumer name, if any.
    func subscriber(named consumer: String) -> Int? { subscriptions.firstIndex { $0.consumer == consumer } }

    /// Whether no subscriber has anything queued or in progress.
    var isIdle: Bool { subscriptions.allSatisfy { !$0.busy && $0.queue.isEmpty && $0.inProgress == 0 } }

    /// Appends `delivery` to a subscriber's queue. Answers whether its delivery task must be
    /// started: true only when none was running, and the subscriber is now marked busy.
    mutating func enqueue(_ delivery: Delivery, for subscriber: Int) throws -> Bool {
        subscriptions[subscriber].queue.append(delivery)
        guard !subscriptions[subscriber].busy else { return false }
        subscriptions[subscriber].busy = true
        return true
    }

    /// Takes everything queued for a subscriber, oldest first, but the duplicates: events this
    /// consumer has finished, unless replayed. Answers them with the consumer's name and handler.
    /// When nothing is left, marks the subscriber idle, wakes the callers of `waitUntilIdle()` if
    /// every subscriber is now idle, and answers `nil`.
    mutating func takeBatch(for subscriber: Int) throws -> ([Delivery], String, Handler)? {
        var batch: [Delivery] = []
        while let next = subscriptions[subscriber].queue.popFirst() {
            // Each event taken is finished (handled or dead-lettered) before the next one starts,
            // so it counts as finished for deduplication from the moment it is taken.
            if next.isReplay || subscriptions[subscriber].finished.insert(next.record.id).inserted { batch.append(next) }
        }
        subscriptions[subscriber].inProgress = batch.count
        guard batch.isEmpty else { return (batch, subscriptions[subscriber].consumer, subscriptions[subscriber].handler) }
        subscriptions[subscriber].busy = false
        if isIdle {
            idleWaiters.forEach { $0.resume() }
            idleWaiters.removeAll()
        }
        return nil
    }

    /// Counts `delivery` finished for a subscriber, and parks it with its dead letter if it failed.
    mutating func finish(_ delivery: Delivery, for subscriber: Int, deadLetter: DeadLetter?) throws {
        subscriptions[subscriber].inProgress -= 1
        if let deadLetter { parked.append(ParkedEvent(letter: deadLetter, subscriber: subscriber, delivery: delivery)) }
    }
}

/// One subscriber's delivery path: its handler, its queue, and what it has finished.
struct Subscription: Sendable {
    let consumer: String
    let typeName: String
    let handler: Handler
    /// Events given to it and not taken yet, oldest first. A deque: taking the oldest is O(1).
    var queue: Deque<Delivery> = []
    /// Events taken in the current batch and not finished yet.
    var inProgress = 0
    /// Whether a delivery task is running for this subscriber.
    var busy = false
    /// Event ids this consumer has handled or dead-lettered, or taken to do so.
    var finished: Set<EventID> = []

    init(consumer: String, typeName: String, handler: @escaping Handler) {
        self.consumer = consumer
        self.typeName = typeName
        self.handler = handler
    }
}

/// A dead letter, with whose it is and the event itself: what replaying it needs.
struct ParkedEvent: Sendable {
    let letter: DeadLetter
    let subscriber: Int
    let delivery: Delivery
}

/// One event waiting in a subscriber's queue.
struct Delivery: Sendable {
    let record: EventRecord
    let payload: any Sendable
    /// A replayed dead letter is delivered even though its consumer finished it.
    let isReplay: Bool
}
