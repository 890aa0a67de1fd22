import EventBusKit
import LessonKit
import WorkbookKit

/// Act 2: checkout publishes "order placed"; the consumers subscribe; a fifth joins later.
func actThisHappened(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let log = ConsumerLog()
    let consumers = ShopConsumers(log: log, clock: SystemClock())
    let bus = stage.makeBus()
    for consumer in consumers.all {
        try await bus.subscribe(consumer.name, to: OrderPlaced.self) { try await consumer.handle($0.event) }
    }
    let analytics = consumers.analytics
    try await bus.subscribe(analytics.name, to: OrderPlaced.self) { try await analytics.handle($0.event) }
    narrator.step(
        "checkout(order) = save, then bus.publish(OrderPlaced); subscribed: \(consumers.all.map(\.name).joined(separator: ", ")), and then analytics — checkout unchanged"
    )

    let orders = stage.orders(20)
    var latency = LatencyRecorder()
    let clock = ContinuousClock()
    for order in orders {
        let started = clock.now
        try await bus.publish(order)
        latency.record(clock.now - started)
    }
    // A moment for the fast consumers: their delivery tasks start after checkout's last publish.
    try await Task.sleep(for: .milliseconds(5))
    let lag = try await bus.lag()
    narrator.table(["checkout", "p50", "p99", "consumers it calls"], [["\"this happened\"", latency.p50.readable, latency.p99.readable, "none"]])
    let fastest = lag.filter { $0.key != "email" }.values.max() ?? 0
    narrator.say(
        "5 ms after the last publish, lag per consumer, the events given to it and not finished yet: the fast consumers \(fastest == 0 ? "have caught up" : "are at most \(fastest) behind"); e-mail, at 20 ms an event, is still on its first:"
    )
    narrator.table(["consumer", "lag"], lag.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
    try await bus.waitUntilIdle()
    var counts: [[String]] = []
    for name in consumers.all.map(\.name) + [analytics.name] { counts.append([name, "\(await log.count(name))"]) }
    narrator.table(["consumer", "orders handled"], counts)
    narrator.ok("checkout no longer waits for e-mail; e-mail catches up on its own, and analytics joined without a change to checkout")
    narrator.notice("the slow consumer now shows up as lag, not as checkout latency. Lag nobody watches is the silent killer: alert on it.")
}
