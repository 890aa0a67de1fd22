import Foundation
import PrematureSplitKit
import ServiceKit
import WorkbookKit

/// Act 4: the payments process is killed while a charge is in flight; orders keep coming; then
/// payments restarts and the orders flagged for a human are reconciled.
func actKill(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let running = try await stage.launch("act4")
    let shop = running.shop
    let orders = Stage.generate(12, seed: stage.seed &+ 4)
    try await shop.setFaults(.slow(milliseconds: 60), on: .payments)

    var outcomes: [(SplitOrder, SagaOutcome)] = []
    for (index, order) in orders.enumerated() {
        // Ctrl-C: a saga treats a cancelled call as no answer and goes on; the act must not.
        try Task.checkCancellation()
        if index == 3 {
            outcomes.append((order, try await killMidCharge(order, stage, running)))
            continue
        }
        outcomes.append((order, try await stage.saga(order, shop.services, stage.policy)))
    }
    let afterKill = outcomes.dropFirst(3)
    stage.paymentsDown.withLock { $0 = (afterKill.filter { $0.1 == .completed }.count, afterKill.count) }
    narrator.table(
        ["order", "what the customer is told", "outcome"],
        outcomes.map { order, outcome in
            let told =
                switch outcome {
                case .completed: "ordered"
                case .compensated: "sorry, payment is unavailable — nothing was charged"
                case .needsManualIntervention: "we could not confirm your payment — we will email you"
                }
            return [order.orderID, told, Outcomes.describe(outcome)]
        })

    narrator.step("Payments restarts on the same port, with the same database file…")
    try await running.restart(.payments)
    let before = try await shop.state().audit
    narrator.say(
        "Audit after the restart: \(before.count) inconsistencies; \(outcomes.filter { if case .needsManualIntervention = $0.1 { true } else { false } }.count) order(s) flagged for a human."
    )
    narrator.step("Reconciliation: for each flagged order, run its unfinished compensations again…")
    for (order, outcome) in outcomes {
        guard case .needsManualIntervention(_, _, let unfinished) = outcome else { continue }
        for step in unfinished {
            let done = await reconcile(step, of: order, on: shop)
            let what = "\(order.orderID): \(Outcomes.describe(step))"
            done ? narrator.ok("\(what) undone") : narrator.failed("\(what) still cannot be undone")
        }
    }
    let after = try await shop.state().audit
    after.count == 0
        ? narrator.ok("audit after reconciliation: the three databases agree")
        : narrator.failed("audit after reconciliation: \(after.count) inconsistencies remain")
    await running.stop()
    narrator.notice(
        "in a monolith, a crash mid-order rolls the transaction back. Split, a crash leaves work in doubt until someone — a person, or a reconciler like this one — finishes it."
    )
}

/// Runs `order`'s saga and kills payments once payments has received its charge — not after a
/// guessed pause, which a busy machine turns into a kill before the charge went out. Payments
/// holds that charge for a second (a slow fault), so the kill lands while it is in flight; the
/// act says what happened if the saga ended before charging.
private func killMidCharge(_ order: SplitOrder, _ stage: Stage, _ running: RunningShop) async throws -> SagaOutcome {
    let shop = running.shop
    let payments = shop.caller(.payments)
    try await shop.setFaults(.slow(milliseconds: 1_000), on: .payments)
    let received = try await payments.faultReport().injected["slow"] ?? 0
    let (services, saga, policy) = (shop.services, stage.saga, stage.policy)
    let ended = Locked(false)
    let inFlight = Task {
        defer { ended.withLock { $0 = true } }
        return try await saga(order, services, policy)
    }
    let deadline = ContinuousClock.now + .seconds(30)
    var charging = false
    while !charging, !ended.withLock({ $0 }), ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(2))
        charging = ((try? await payments.faultReport())?.injected["slow"] ?? 0) > received
    }
    let pid = await running.pid(of: .payments)
    await running.kill(.payments)
    let gone = pid.map { "kill -9 \($0): payments is gone" } ?? "payments stopped (in-process: the server stops listening)"
    stage.narrator.failed(
        charging
            ? "\(gone), with \(order.orderID)'s charge in flight (payments had received it and not answered)"
            : "\(gone); \(order.orderID)'s saga ended before it charged, so no charge was in flight")
    return try await inFlight.value
}

/// Runs one compensation again, with the key the saga would use.
private func reconcile(_ step: SagaStep, of order: SplitOrder, on shop: SplitShop) async -> Bool {
    let reference = OrderReference(orderID: order.orderID)
    let services = shop.services
    do {
        switch step {
        case .reserveStock: if case .ok = try await services.inventory.release(reference, idempotencyKey: "\(order.orderID):release-reconciled") { return true }
        case .recordOrder: if case .ok = try await services.orders.cancel(reference, idempotencyKey: "\(order.orderID):cancel-reconciled") { return true }
        case .chargePayment: if case .ok = try await services.payments.refund(reference, idempotencyKey: "\(order.orderID):refund-reconciled") { return true }
        }
    } catch {}
    return false
}
