import WorkbookKit

/// What a bus delivered: publish-to-handle latency when paced, deliveries per second in a burst.
public struct BusFigures: Sendable {
    public var paced = LatencyRecorder()
    public var burst = 0.0
}

/// Records when each event was handled, by its sequence number, and signals the last one.
private final class Arrivals: Sendable {
    private let times: Locked<[ContinuousClock.Instant?]>
    init(count: Int) { times = Locked(Array(repeating: nil, count: count)) }
    func mark(_ index: Int) { times.withLock { $0[index] = ContinuousClock.now } }
    var all: [ContinuousClock.Instant?] { times.withLock { $0 } }
    var done: Bool { times.withLock { $0.allSatisfy { $0 != nil } } }
}

/// Lesson 03's measurement, shared by the lesson and `workbook bench`: events paced one every
/// 200 µs, then the same number in one burst.
public enum BusMeasurement {
    /// A bus from `makeBus` (fresh per phase), one subscriber, `orders` published.
    public static func ours(makeBus: () -> any EventBus, orders: [Envelope<OrderPlaced>]) async throws -> BusFigures {
        var figures = BusFigures()
        let events = orders.count
        for phase in ["paced", "burst"] {
            let bus = makeBus()
            let arrivals = Arrivals(count: events)
            let index = Dictionary(uniqueKeysWithValues: orders.enumerated().map { ($0.element.id, $0.offset) })
            try await bus.subscribe("measured", to: OrderPlaced.self) { arrivals.mark(index[$0.id]!) }
            var published: [ContinuousClock.Instant] = []
            let start = ContinuousClock.now
            for order in orders {
                published.append(.now)
                try await bus.publish(order)
                if phase == "paced" { try await pace(from: published.last!) }
            }
            try await bus.waitUntilIdle()
            figures.record(phase, published: published, arrivals: arrivals.all, start: start)
        }
        return figures
    }

    /// The source material's polling bus, the same way.
    public static func polling(events: Int) async -> BusFigures {
        var figures = BusFigures()
        for phase in ["paced", "burst"] {
            let bus = PollingBus<Int>()
            let arrivals = Arrivals(count: events)
            let consumer = bus.start { arrivals.mark($0) }
            var published: [ContinuousClock.Instant] = []
            let start = ContinuousClock.now
            for event in 0..<events {
                published.append(.now)
                bus.publish(event)
                if phase == "paced" { try? await pace(from: published.last!) }
            }
            while !arrivals.done { try? await Task.sleep(for: .milliseconds(1)) }
            bus.stop()
            await consumer.value
            figures.record(phase, published: published, arrivals: arrivals.all, start: start)
        }
        return figures
    }
}

/// Waits until 200 µs after `instant`, spinning with yields: sleeps that short are not precise.
private func pace(from instant: ContinuousClock.Instant) async throws {
    while ContinuousClock.now - instant < .microseconds(200) { await Task.yield() }
}

extension BusFigures {
    fileprivate mutating func record(
        _ phase: String, published: [ContinuousClock.Instant], arrivals: [ContinuousClock.Instant?], start: ContinuousClock.Instant
    ) {
        let handled = arrivals.compactMap { $0 }
        if phase == "paced" {
            for (sent, arrived) in zip(published, arrivals) { if let arrived { paced.record(arrived - sent) } }
        } else if let last = handled.max() {
            let seconds = Double((last - start).components.attoseconds) / 1e18 + Double((last - start).components.seconds)
            burst = Double(handled.count) / seconds
        }
    }
}
