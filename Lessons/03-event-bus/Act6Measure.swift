import EventBusKit
import Foundation
import LessonKit
import WorkbookKit

/// Act 6: publish-to-handle latency and deliveries per second, ours next to a polling bus.
func actMeasure(_ stage: Stage, events: Int) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    narrator.step(
        "\(events) events paced at one per 200 µs, then, after 25 ms of quiet, \(events) in one burst; the same events and the same handler on both buses:"
    )
    let orders = stage.orders(events, startingAt: 10_001)
    let ours = try await BusMeasurement.ours(makeBus: { stage.makeBus() }, orders: orders)
    let polling = await BusMeasurement.polling(orders: orders)
    let wakeUp = await BusMeasurement.wakeUp(events: events)
    narrator.table(
        ["bus", "paced p50", "paced p99", "burst: deliveries/s", "draining: deliveries/s", "build"],
        [
            [
                "ours (a task per subscriber, woken on publish, drains in batches)", ours.paced.p50.readable, ours.paced.p99.readable,
                ours.burst.formatted(fractionDigits: 0), ours.draining.formatted(fractionDigits: 0), BuildConfiguration.name,
            ],
            [
                "polling (sleeps 10 ms when idle)", polling.paced.p50.readable, polling.paced.p99.readable,
                polling.burst.formatted(fractionDigits: 0), polling.draining.formatted(fractionDigits: 0), BuildConfiguration.name,
            ],
        ])
    narrator.say(
        "paced: publish to handle, per event. burst: from the first publish to the last event handled, waking the consumer included. draining: from the first event handled to the last, the work per event once the consumer runs."
    )
    let rows = [("ours, p50", ours.paced.p50), ("ours, p99", ours.paced.p99), ("polling, p50", polling.paced.p50), ("polling, p99", polling.paced.p99)]
    // One fixed axis for every run, so that two runs' bars compare: 1 µs to 100 ms, eight
    // cells per power of ten; a figure outside it is drawn at its end.
    let decades = rows.map { min(5, max(0, log10(max(1, $0.1 / .nanoseconds(1))) - 3)) }
    narrator.say("Publish to handle on a log scale, from 1 µs to 100 ms, the same axis on every run: every 8 cells of bar is ten times slower:")
    TerminalChart.bars(zip(rows, decades).map { ($0.0, $1, $0.1.readable) }, maximum: 5).forEach(narrator.say)
    narrator.say(
        "The floor of ours, measured just now: a parked task woken by a continuation, paced the same way, runs \(wakeUp.p50.readable) later at p50. Ours handles an event \((ours.paced.p50 / wakeUp.p50).formatted(fractionDigits: 0))× that after publishing it: it starts a delivery task instead of waking a parked one, and takes the lock to enqueue, take and finish."
    )
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }
    narrator.notice("a consumer that polls pays up to its sleep on every event that finds it idle; one that is woken pays a task switch.")
    narrator.say(
        "The p99 is the slowest 10 of 1000 events: it catches any pause of the machine (another process scheduled, a page fault, the other bus's thread), so it moves far more from run to run than the p50, on a busy machine by ten times."
    )
    let burstRatio = ours.burst / max(polling.burst, 1)
    if burstRatio >= 0.67 && burstRatio < 1.5 {
        narrator.say(
            "the burst: ours delivered it at \(burstRatio.formatted(fractionDigits: 2))× the polling bus's rate, too close to call on one run (a busy machine moves a burst of a few milliseconds by that much): rerun, or run it with `swift run -c release`."
        )
    } else if burstRatio >= 1.5 {
        narrator.ok(
            "the burst: ours delivered it \(burstRatio.formatted(fractionDigits: 1))× as fast; it woke its consumer at once and the consumer took the queue in batches, while the polling consumer first finished its sleep."
        )
    } else {
        narrator.failed(
            "the burst: ours delivered it at \(burstRatio.formatted(fractionDigits: 2))× the polling bus's rate; on this machine, this time, the wake-up did not pay for itself."
        )
    }
    let drainRatio = ours.draining / max(polling.draining, 1)
    narrator.say(
        "Draining, ours handled \(ours.draining.formatted(fractionDigits: 0)) events a second and the polling bus \(polling.draining.formatted(fractionDigits: 0)) (\(drainRatio.formatted(fractionDigits: 2))×): pushing or polling decides when a consumer starts, not what an event costs once it runs. "
            + (drainRatio >= 0.67
                ? "The two are comparable."
                : "Ours does more per event (deduplication, lag, dead-letter bookkeeping) and takes a lock the publisher also takes: that is the gap.")
    )
    narrator.say("")
    narrator.say("Work queue or log? What a broker keeps after delivery decides what you can do later:")
    narrator.table(
        ["", "work queue (RabbitMQ, SQS)", "log (Kafka)"],
        [
            [
                "after delivery", "deleted once acknowledged",
                "kept for the topic's retention (7 days by default, or by size); each consumer group has an offset",
            ],
            ["a new consumer", "sees only new messages", "can read from the beginning"],
            ["replay after a bug fix", "only what went to the dead-letter queue", "rewind the offset, within the retention"],
            ["ordering", "per queue, lost with competing consumers", "per partition"],
            ["choose it for", "tasks: send this e-mail, resize this image", "facts many consumers read: order placed"],
        ])
    narrator.say("This workbook's bus is a work queue per subscriber with a dead-letter queue: no history, no offsets.")
}
