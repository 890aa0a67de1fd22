import LessonKit
import WorkbookKit

/// What a bus delivered, measured three ways.
public struct BusFigures: Sendable {
    /// Publish-to-handle latency, events paced one every 200 µs.
    public var paced = LatencyRecorder()
    /// Deliveries per second for a burst that lands on an idle bus: from the first publish to the
    /// last event handled, waking the consumer included.
    public var burst = 0.0
    /// Deliveries per second once the consumer is draining: from the first event handled to the
    /// last, the per-event work alone.
    public var draining = 0.0
}

/// Records when each event was handled, by its sequence number, and signals the last one.
private final class Arrivals: Sendable {
    private let times: Locked<[ContinuousClock.Instant?]>
    init(count: Int) { times = Locked(Array(repeating: nil, count: count)) }
    func mark(_ index: Int) { times.withLock { $0[index] = ContinuousClock.now } }
    var all: [ContinuousClock.Instant?] { times.withLock { $0 } }
    var done: Bool { times.withLock { $0.allSatisfy { $0 != nil } } }
}

/// Lesson 03's measurement, shared by the lesson and `workbook bench`: the same events and the
/// same handler on both buses; events paced one every 200 µs, then, after the consumer has been
/// idle for 25 ms, the same number in one burst.
public enum BusMeasurement {
    /// How long the consumer is left idle before the burst: longer than the polling bus's sleep,
    /// so that the burst finds it asleep, as a burst after a quiet moment does.
    static let quietBeforeBurst = Duration.milliseconds(25)

    /// A bus from `makeBus` (fresh per phase), one subscriber, `orders` published.
    public static func ours(makeBus: () -> any EventBus, orders: [Envelope<OrderPlaced>]) async throws -> BusFigures {
        var figures = BusFigures()
        let index = positions(orders)
        for phase in Phase.allCases {
            let bus = makeBus()
            let arrivals = Arrivals(count: orders.count)
            try await bus.subscribe("measured", to: OrderPlaced.self) { arrivals.mark(index[$0.id]!) }
            if phase == .burst { try await Task.sleep(for: quietBeforeBurst) }
            var published: [ContinuousClock.Instant] = []
            published.reserveCapacity(orders.count)
            for order in orders {
                published.append(.now)
                try await bus.publish(order)
                if phase == .paced { try await pace(from: published.last!) }
            }
            try await bus.waitUntilIdle()
            figures.record(phase, published: published, arrivals: arrivals.all)
        }
        return figures
    }

    /// The source material's polling bus, the same way.
    public static func polling(orders: [Envelope<OrderPlaced>]) async -> BusFigures {
        var figures = BusFigures()
        let index = positions(orders)
        for phase in Phase.allCases {
            let bus = PollingBus<Envelope<OrderPlaced>>()
            let arrivals = Arrivals(count: orders.count)
            let consumer = bus.start { arrivals.mark(index[$0.id]!) }
            if phase == .burst { try? await Task.sleep(for: quietBeforeBurst) }
            var published: [ContinuousClock.Instant] = []
            published.reserveCapacity(orders.count)
            for order in orders {
                published.append(.now)
                bus.publish(order)
                if phase == .paced { try? await pace(from: published.last!) }
            }
            while !arrivals.done { try? await Task.sleep(for: .milliseconds(1)) }
            bus.stop()
            await consumer.value
            figures.record(phase, published: published, arrivals: arrivals.all)
        }
        return figures
    }

    /// The floor of publish-to-handle: from resuming a task parked on a continuation to that task
    /// running, `events` times, paced like the events: the resuming task goes on pacing, as a
    /// publisher does. No queue, no lock, no handler.
    public static func wakeUp(events: Int) async -> LatencyRecorder {
        var recorder = LatencyRecorder()
        for _ in 0..<events {
            let parked = Locked<CheckedContinuation<Void, Never>?>(nil)
            let ran = Locked<ContinuousClock.Instant?>(nil)
            let woken = Task {
                await withCheckedContinuation { continuation in parked.withLock { $0 = continuation } }
                ran.withLock { $0 = .now }
            }
            var continuation: CheckedContinuation<Void, Never>?
            while continuation == nil {
                await Task.yield()
                continuation = parked.withLock { $0 }
            }
            let resumed = ContinuousClock.now
            continuation?.resume()
            try? await pace(from: resumed)
            await woken.value
            if let ran = ran.withLock({ $0 }) { recorder.record(ran - resumed) }
        }
        return recorder
    }

    fileprivate enum Phase: CaseIterable { case paced, burst }

    private static func positions(_ orders: [Envelope<OrderPlaced>]) -> [EventID: Int] {
        Dictionary(uniqueKeysWithValues: orders.enumerated().map { ($0.element.id, $0.offset) })
    }
}

/// Waits until 200 µs after `instant`, spinning with yields: sleeps that short are not precise.
private func pace(from instant: ContinuousClock.Instant) async throws {
    while ContinuousClock.now - instant < .microseconds(200) { await Task.yield() }
}

extension BusFigures {
    fileprivate mutating func record(_ phase: BusMeasurement.Phase, published: [ContinuousClock.Instant], arrivals: [ContinuousClock.Instant?]) {
        switch phase {
        case .paced:
            for (sent, arrived) in zip(published, arrivals) { if let arrived { paced.record(arrived - sent) } }
        case .burst:
            let handled = arrivals.compactMap { $0 }
            guard let first = handled.min(), let last = handled.max(), let start = published.first else { return }
            burst = Double(handled.count) / (last - start).inSeconds
            draining = Double(handled.count - 1) / max(last - first, .nanoseconds(1)).inSeconds
        }
    }
}
