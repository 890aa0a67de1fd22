import EventBusKit

import WorkbookKit

/// Act 6: publish-to-handle latency and deliveries per second, ours next to a polling bus.
func actMeasure(_ stage: Stage, events: Int) async throws {
    let narrator = stage.narrator
    narrator.step("\(events) events, paced at one per 200 µs, then \(events) in one burst; publish-to-handle latency per event:")
    let ours = try await measureOurs(stage, events: events)
    let polling = await measurePolling(events: events)
    narrator.table(
        ["bus", "paced p50", "paced p99", "burst deliveries/s", "build"],
        [
            ["ours (a task per subscriber, woken on publish)", ours.paced.p50.readable, ours.paced.p99.readable,
             ours.burst.formatted(fractionDigits: 0), BuildConfiguration.name],
            ["polling (sleeps 10 ms when idle)", polling.paced.p50.readable, polling.paced.p99.readable,
             polling.burst.formatted(fractionDigits: 0), BuildConfiguration.name],
        ])
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }
    narrator.notice("a consumer that polls pays up to its sleep on every event that finds it idle; one that is woken pays a task switch.")
    if polling.burst > ours.burst {
        narrator.say("In a burst the polling consumer is never idle, and it drains a locked array faster than our bus hands events through an actor one at a time: latency, not throughput, is what polling costs.")
    }
    narrator.say("")
    narrator.say("Work queue or log? What a broker keeps after delivery decides what you can do later:")
    narrator.table(["", "work queue (RabbitMQ, SQS)", "log (Kafka)"], [
        ["after delivery", "deleted once acknowledged", "kept; each consumer group has an offset"],
        ["a new consumer", "sees only new messages", "can read from the beginning"],
        ["replay after a bug fix", "only what went to the dead-letter queue", "rewind the offset"],
        ["ordering", "per queue, lost with competing consumers", "per partition"],
        ["choose it for", "tasks: send this e-mail, resize this image", "facts many consumers read: order placed"],
    ])
    narrator.say("This workbook's bus is a work queue per subscriber with a dead-letter queue: no history, no offsets.")
}

private struct Figures {
    var paced = LatencyRecorder()
    var burst = 0.0
}

/// Records when each event was handled, by its sequence number, and signals the last one.
private final class Arrivals: Sendable {
    private let times: Locked<[ContinuousClock.Instant?]>
    init(count: Int) { times = Locked(Array(repeating: nil, count: count)) }
    func mark(_ index: Int) { times.withLock { $0[index] = ContinuousClock.now } }
    var all: [ContinuousClock.Instant?] { times.withLock { $0 } }
    var done: Bool { times.withLock { $0.allSatisfy { $0 != nil } } }
}

private func measureOurs(_ stage: Stage, events: Int) async throws -> Figures {
    var figures = Figures()
    let orders = stage.orders(events, startingAt: 10_001)
    for phase in ["paced", "burst"] {
        let bus = stage.makeBus()
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

private func measurePolling(events: Int) async -> Figures {
    var figures = Figures()
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

/// Waits until 200 µs after `instant`, spinning with yields: sleeps that short are not precise.
private func pace(from instant: ContinuousClock.Instant) async throws {
    while ContinuousClock.now - instant < .microseconds(200) { await Task.yield() }
}

extension Figures {
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
