import LessonKit
import PrematureSplitKit
import ServiceKit

/// Act 2: faults injected into every service; the naive checkout; the audit of all three databases.
func actNaive(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let running = try await stage.launch("act2")
    let shop = running.shop
    for name in ServiceName.allCases { try await shop.setFaults(stage.faults(for: name), on: name) }
    narrator.step(
        "Each service now meets a fault on \(Int(stage.faultRate * 100))% of calls (seed \(stage.seed)): a 500, a timeout, a 200 with an error body, or a response lost after the commit."
    )

    var latency = LatencyRecorder()
    var toldSuccess: Set<String> = []
    var toldFailure: Set<String> = []
    for order in stage.orders {
        // Ctrl-C: a saga treats a cancelled call as no answer and goes on; the act must not.
        try Task.checkCancellation()
        let start = ContinuousClock.now
        switch await naiveCheckout(order, on: shop) {
        case .toldSuccess: toldSuccess.insert(order.orderID)
        case .toldFailure: toldFailure.insert(order.orderID)
        }
        latency.record(ContinuousClock.now - start)
    }
    let injected = try await injectedFaults(shop)
    try await shop.setFaults(ServiceName.allCases.reduce(into: [:]) { $0[$1] = .healthy })
    let state = try await shop.state()
    let calls = shop.log.all.count
    await running.stop()

    narrator.say("Faults injected: \(injected). Customers told \"ordered\": \(toldSuccess.count); told \"failed\": \(toldFailure.count).")
    let audit = state.audit
    narrator.table(
        ["what the audit of the three databases found", "orders"], audit.rows.map { [$0.kind, "\($0.orders.count)"] } + [["in all", "\(audit.count)"]])
    let held = state.audit.stockHeldWithoutOrder
    if !held.isEmpty {
        narrator.say(
            "Stock held without an order: \(held.count) orders got their stock reserved and then failed further on (\(Set(held).intersection(toldFailure).count) of them told \"failed\": most often a charge refused for want of money, or a step that erred). The naive checkout never gives stock back, so those units sit reserved for nobody and cannot be sold."
        )
    }
    let standing = state.standingOrders
    let charged = Set(state.activeCharges.keys)
    let liedTo = toldSuccess.subtracting(standing).union(toldSuccess.filter { !charged.contains($0) })
    let chargedAnyway = toldFailure.intersection(charged)
    if audit.count == 0 {
        narrator.say("No fault landed where it hurts in so few orders; run more (--orders) or raise --fault-rate.")
    } else {
        narrator.failed(
            "\(liedTo.count) customers were told their order went through when it did not stand or was never paid — the 200 with an error body, accepted as success"
        )
        narrator.failed(
            "\(chargedAnyway.count) customers were told it failed and were charged anyway; \(audit.doubleCharged.count) were charged twice by a retry without a key"
        )
    }
    stage.naiveCost.withLock { $0 = Cost(callsPerOrder: Double(calls) / Double(stage.orders.count), latency: latency) }
    narrator.notice(
        "in the monolith each of these was impossible: one transaction, one answer. Nothing here is a bug in a service — every service kept its own books perfectly."
    )
}

/// How many of each fault the three services injected, as one line.
func injectedFaults(_ shop: SplitShop) async throws -> String {
    var totals: [String: Int] = [:]
    for name in ServiceName.allCases {
        for (fault, count) in try await shop.caller(name).faultReport().injected { totals[fault, default: 0] += count }
    }
    if totals.isEmpty { return "none" }
    return totals.sorted { $0.key < $1.key }.map { "\(Fault(rawValue: $0.key)?.description ?? $0.key) ×\($0.value)" }.joined(separator: ", ")
}

/// What one way of placing orders cost, for act 3's comparison.
struct Cost: Sendable {
    var callsPerOrder: Double
    var latency: LatencyRecorder
}
