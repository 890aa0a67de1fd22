import EventBusKit
import LessonKit
import WorkbookKit

/// Act 1: checkout calls inventory, e-mail, fraud and shipping itself, one after the other.
func actDoThis(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let log = ConsumerLog()
    let consumers = ShopConsumers(log: log, clock: SystemClock())
    let orders = stage.orders(20)
    narrator.step("checkout(order) = save, then await inventory, email (takes 20 ms), fraud, shipping — for \(orders.count) orders")
    var latency = LatencyRecorder()
    let clock = ContinuousClock()
    for order in orders {
        let started = clock.now
        for consumer in consumers.all { try await consumer.handle(order.event) }
        latency.record(clock.now - started)
    }
    narrator.table(
        ["checkout", "p50", "p99", "consumers it calls"],
        [["\"do this\"", latency.p50.readable, latency.p99.readable, consumers.all.map(\.name).joined(separator: ", ")]])
    narrator.failed("every checkout waited for the slowest consumer: the customer waits for an e-mail to be sent")
    narrator.notice("to add analytics, someone edits checkout — the producer knows every consumer, and each one's failure is checkout's failure.")
}
