import Database
import LessonKit
import MonolithOrderKit
import PrematureSplitKit
import ServiceKit
import Shop
import Tracing
import WorkbookKit

/// Act 5: one order followed through the checkout and the three services by its trace: every
/// call carries a W3C traceparent header, every process records its spans, and the lesson
/// collects them by trace id. Then a failed order, beside lesson 01's one error for the same.
func actTrace(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let running = try await stage.launch("act5")
    narrator.say(
        "Each call carries a traceparent header, 00-<trace id>-<calling span id>-01; each process records its spans, and GET /spans?trace=… on each service hands them over."
    )
    let order = SplitOrder(orderID: "order-trace-1", customerID: "ada", lines: [LineItem(productID: "SKU-USB-CABLE-C", quantity: 2)])
    // One order first, untraced, so that the traced ones find their connections open.
    _ = try await stage.saga(
        SplitOrder(orderID: "order-trace-0", customerID: "linus", lines: order.lines), running.shop.services, stage.policy)
    narrator.step("A healthy order, \(order.orderID):")
    let (healthy, healthyTrace) = try await traced(order, stage, running)
    narrator.say("Trace \(healthyTrace): \(Outcomes.describe(healthy)).")
    let healthySpans = await running.spans(inTrace: healthyTrace)
    narrator.table(Waterfall.headers, Waterfall.rows(healthySpans))
    showWhereTheTimeWent(healthySpans, narrator)

    let failing = SplitOrder(orderID: "order-trace-2", customerID: "ada", lines: order.lines)
    try await running.shop.setFaults(.scripted(Array(repeating: .serverError, count: 3)), on: .payments)
    narrator.step("The same order while payments answers 500 to its next three calls, \(failing.orderID):")
    let (failed, failedTrace) = try await traced(failing, stage, running)
    try await running.shop.setFaults(.healthy, on: .payments)
    narrator.say("Trace \(failedTrace): \(Outcomes.describe(failed)).")
    let failedSpans = await running.spans(inTrace: failedTrace)
    narrator.table(Waterfall.headers, Waterfall.rows(failedSpans))
    await running.stop()
    let failures = failedSpans.filter { $0.error != nil && $0.service != "checkout" }
    if let first = failures.first {
        narrator.ok(
            "the trace names the span that failed — \(first.service) \(first.operation), \(failures.count) time(s) — and shows the retries' pauses and the compensations after it, in the records of \(Set(failedSpans.map(\.service)).count) services"
        )
    } else {
        narrator.failed("no span of the failed order recorded an error")
    }
    try showMonolithFailure(narrator)
}

/// Runs the saga for `order` under a root span of its own; answers its outcome and trace id.
private func traced(_ order: SplitOrder, _ stage: Stage, _ running: RunningShop) async throws -> (SagaOutcome, String) {
    try await withSpan("checkout \(order.orderID)", ofKind: .internal) { span in
        let outcome = try await stage.saga(order, running.shop.services, stage.policy)
        if outcome != .completed { span.setStatus(SpanStatus(code: .error, message: Outcomes.describe(outcome))) }
        return (outcome, span.context.traceParent?.traceID ?? "")
    }
}

/// How much of the order's time the services spent working, against the calls as the
/// checkout saw them: the rest is the network, HTTP and JSON in between.
private func showWhereTheTimeWent(_ spans: [FinishedSpan], _ narrator: Narrator) {
    let root = spans.first { $0.parentID == nil }
    let calls = spans.filter { $0.service == "checkout" && $0.parentID != nil }
    let served = spans.filter { $0.service != "checkout" }
    guard let root, !calls.isEmpty, !served.isEmpty else { return }
    let callTime = calls.map(\.durationNanoseconds).reduce(0, +)
    let serverTime = served.map(\.durationNanoseconds).reduce(0, +)
    narrator.say(
        "Where the time went: \(Duration.nanoseconds(Int64(root.durationNanoseconds)).readable) for the order; \(calls.count) calls took \(Duration.nanoseconds(Int64(callTime)).readable) as the checkout saw them, of which the services worked \(Duration.nanoseconds(Int64(serverTime)).readable). The difference, \(Duration.nanoseconds(Int64(callTime - min(callTime, serverTime))).readable), is the network, HTTP and JSON between them."
    )
}

/// Lesson 01's answer to the same failure: one process, one thrown error.
private func showMonolithFailure(_ narrator: Narrator) throws {
    let database = FaultInjectingDatabase(wrapping: try SQLiteDatabase())
    try ShopSeed.standard.install(on: database)
    let request = OrderRequest(id: "order-trace-2", customer: "ada", lines: [OrderLine(product: "SKU-USB-CABLE-C", quantity: 2)])
    database.beforeStatement = { statement, _ throws(DatabaseError) in
        if statement.lowercased().contains("update customers") {
            throw DatabaseError(kind: .injectedFault, message: "injected: the charge failed", sql: statement)
        }
    }
    do {
        _ = try Reference.monolith(request, database)
        narrator.failed("lesson 01's placeOrder did not fail")
    } catch {
        narrator.say(
            "Lesson 01, the same failure: placeOrder threw \"\(error)\" and rolled back, in one process with one stack. Nothing to stitch together: no ids, no clocks on three machines."
        )
    }
}
