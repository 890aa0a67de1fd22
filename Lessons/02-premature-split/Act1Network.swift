import Database
import Foundation
import LessonKit
import MonolithOrderKit
import PrematureSplitKit
import ServiceKit
import Shop
import WorkbookKit

/// Act 1: the same orders through lesson 01's transaction and through the three services.
func actNetwork(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    let orders = stage.orders

    narrator.step("The monolith: lesson 01's placeOrder, one transaction on one SQLite file, \(orders.count) orders…")
    let file = stage.folder.appendingPathComponent("monolith.sqlite").path
    let database = try SQLiteDatabase(path: file)
    try ShopSeed.standard(times: Stage.scale).install(on: database)
    var monolithPlaced = 0
    // Ctrl-C cancels the act: this loop makes no call that would see it, so it looks each time.
    let monolith = try LatencyRecorder.measure(iterations: orders.count) { index in
        try Task.checkCancellation()
        let order = orders[index]
        let request = OrderRequest(
            id: OrderID(order.orderID), customer: CustomerID(order.customerID),
            lines: order.lines.map { OrderLine(product: ProductID($0.productID), quantity: $0.quantity) })
        if (try? Reference.monolith(request, database)) != nil { monolithPlaced += 1 }
    }

    narrator.step("The split: the same orders through the saga, over HTTP to three services…")
    let running = try await stage.launch("act1")
    var split = LatencyRecorder()
    var completed = 0
    for order in orders {
        // Ctrl-C: a saga treats a cancelled call as no answer and goes on; the act must not.
        try Task.checkCancellation()
        let start = ContinuousClock.now
        let outcome = try await stage.saga(order, running.shop.services, stage.policy)
        split.record(ContinuousClock.now - start)
        if outcome == .completed { completed += 1 }
    }
    let calls = running.shop.log.all.count
    let audit = try await running.shop.state().audit
    await running.stop()

    let ratio = split.p50 / monolith.p50
    narrator.table(
        ["", "orders placed", "p50", "p99", "calls per order", "processes", "databases", "build"],
        [
            ["monolith (lesson 01)", "\(monolithPlaced)", monolith.p50.readable, monolith.p99.readable, "0", "1", "1", BuildConfiguration.name],
            [
                "three services", "\(completed)", split.p50.readable, split.p99.readable,
                (Double(calls) / Double(orders.count)).formatted(fractionDigits: 1), stage.placement == .processes ? "4" : "1 (+3 servers)", "3",
                BuildConfiguration.name,
            ],
        ])
    narrator.say(
        "The split order took \(ratio.formatted(fractionDigits: 1))× as long at the median: the same SQL, plus three HTTP round trips, three commits instead of one, and JSON both ways."
    )
    if audit.count == 0 {
        narrator.ok("audit of the three databases: consistent — with no faults, the split works")
    } else {
        narrator.failed("audit of the three databases: \(audit.count) inconsistencies with no faults at all")
    }
    try await takeApart(narrator)
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }
    narrator.notice("what used to be a function call is now a network call that can be slow, fail, or succeed without telling you. Act 2 shows each.")
}

/// One HTTP call of the split beside its floor: ours, the libraries alone, a bare TCP round trip.
private func takeApart(_ narrator: Narrator) async throws {
    narrator.step("One of those HTTP calls, taken apart: the same call 500 times three ways, in this process…")
    let layers = try await CallLayers.measure(iterations: 500)
    let tcp = layers.tcp.p50
    let libraries = layers.libraries.p50
    let ours = layers.ours.p50
    narrator.table(
        ["layer", "p50", "adds, at p50"],
        [
            ["TCP: one byte there and back, blocking sockets (the floor)", tcp.readable, "two thread wake-ups and loopback TCP"],
            ["Hummingbird + AsyncHTTPClient alone", libraries.readable, (libraries - tcp).signedReadable + ": HTTP, and hops between event loops and tasks"],
            [
                "ours: ServiceRouter + HTTPCaller", ours.readable,
                (ours - libraries).signedReadable + ": routing, fault injection, the call log, the recorded span",
            ],
        ])
    narrator.say("The call is \((ours / tcp).formatted(fractionDigits: 1))× its TCP floor. " + shares(tcp: tcp, libraries: libraries, ours: ours))
}

/// Who adds what on top of the floor, read from the three medians. Two medians of 500 calls
/// differ by a few µs and a few per cent from run to run on their own: a difference smaller than
/// 5 µs or a tenth of the call is reported as noise, never as a share (it was once "−250%").
func shares(tcp: Duration, libraries: Duration, ours: Duration) -> String {
    let overFloor = ours - tcp
    let librariesPart = libraries - tcp
    let oursPart = ours - libraries
    let noise = max(Duration.microseconds(5), ours / 10)
    var text =
        librariesPart >= overFloor
        ? "The libraries' part (\(librariesPart.readable)) is all of the difference and more: each call crosses between an event-loop thread and a task at both ends, and every crossing is a thread wake-up."
        : librariesPart * 2 >= overFloor
            ? "The libraries' share is most of the difference (\(librariesPart.readable) of \(overFloor.readable)): each call crosses between an event-loop thread and a task at both ends, and every crossing is a thread wake-up."
            : "The libraries account for \(librariesPart.readable) of the \(overFloor.readable) above the floor."
    if (oursPart < .zero ? Duration.zero - oursPart : oursPart) < noise {
        text += " Our own code's part, \(oursPart.signedReadable), is within this run's noise (under \(noise.readable)): too small to tell from one run."
    } else if oursPart < .zero {
        text += " The libraries alone measured \((Duration.zero - oursPart).readable) slower than with our code on top: noise on a busy machine; rerun."
    } else {
        text += " Our own code's share is \((Double(oursPart.inNanoseconds) / Double(ours.inNanoseconds) * 100).formatted(fractionDigits: 0))% of the call."
    }
    return text
}
