import ArgumentParser
import EventBusKit
import LessonKit
import Shop
import WorkbookKit

/// `event-bus bench [FIGURE] [--quick]` (hidden): this lesson's figures, for `workbook bench`.
struct Bench: AsyncParsableCommand {
    static let configuration = BenchOptions.configuration
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try Implementation.requireReference(for: "The bench")
        try await options.run([
            BenchFigure("bus") { try await measureBus(events: BenchFigure.count(2_000, scale: $0)) }
        ])
    }
}

/// Lesson 03's bus next to a polling bus.
func measureBus(events: Int) async throws -> [BenchRow] {
    var ids = EventIDs(seed: 1)
    let orders = (1...events).map { number in
        Envelope(id: ids.next(), occurredAt: .zero, event: OrderPlaced(order: OrderID("order-\(number)"), customer: "ada", total: Cents(1_250), items: 1))
    }
    let ours = try await BusMeasurement.ours(makeBus: { Reference.makeBus(clock: SystemClock(), retry: .standard) }, orders: orders)
    let polling = await BusMeasurement.polling(orders: orders)
    let wakeUp = await BusMeasurement.wakeUp(events: events)
    return [
        BenchRow(
            figure: "bus", measured: "lesson 03's bus, publish to handle (paced)", ours.paced, perSecond: ours.burst,
            note: "per second: a burst on an idle bus; a task per subscriber, woken on publish, drains in batches"
        ).with(BenchFloor("a parked task woken by a continuation, paced the same way", wakeUp)),
        BenchRow(figure: "bus", measured: "lesson 03's bus, draining", perSecond: ours.draining, samples: events, note: "per second once the consumer runs"),
        BenchRow(
            figure: "bus", measured: "a polling bus (sleeps 10 ms when idle)", polling.paced, perSecond: polling.burst,
            note: "half its sleep on average, all of it at p99"),
        BenchRow(figure: "bus", measured: "a polling bus, draining", perSecond: polling.draining, samples: events, note: "per second once the consumer runs"),
    ]
}
