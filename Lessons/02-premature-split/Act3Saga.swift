import Foundation
import LessonKit
import PrematureSplitKit
import ServiceKit
import WorkbookKit

/// Act 3: the same faults, the saga; the audit; then what the saga costs.
func actSaga(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let running = try await stage.launch("act3")
    let shop = running.shop
    for name in ServiceName.allCases { try await shop.setFaults(stage.faults(for: name), on: name) }
    narrator.step(
        "The same fault plans, the same seed; \(stage.implementation == .student ? "your" : "the reference") saga places the same \(stage.orders.count) orders…"
    )

    var latency = LatencyRecorder()
    var outcomes: [String: Int] = [:]
    var manual: [(String, SagaOutcome)] = []
    for order in stage.orders {
        // Ctrl-C: a saga treats a cancelled call as no answer and goes on; the act must not.
        try Task.checkCancellation()
        let start = ContinuousClock.now
        let outcome = try await stage.saga(order, shop.services, stage.policy)
        latency.record(ContinuousClock.now - start)
        switch outcome {
        case .completed: outcomes["completed", default: 0] += 1
        case .compensated: outcomes[Outcomes.describe(outcome), default: 0] += 1
        case .needsManualIntervention:
            outcomes["needs a human", default: 0] += 1
            manual.append((order.orderID, outcome))
        }
    }
    let injected = try await injectedFaults(shop)
    try await shop.setFaults(ServiceName.allCases.reduce(into: [:]) { $0[$1] = .healthy })
    let state = try await shop.state()
    let calls = shop.log.all.count
    await running.stop()

    narrator.say(
        "Faults injected: \(injected). Not act 2's counts: each service draws a fault per call from the same seed, and the saga makes other calls (retries, compensations), so the draws land elsewhere."
    )
    narrator.table(["how the orders ended", "orders"], outcomes.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
    let flagged = Set(manual.map(\.0))
    let audit = state.audit
    let unexplained = audit.rows.flatMap(\.orders).filter { !flagged.contains($0) }
    if unexplained.isEmpty {
        narrator.ok("audit of the three databases: no inconsistency outside the orders flagged for a human")
    } else {
        narrator.failed("audit: \(unexplained.count) inconsistencies the saga did not report: \(Set(unexplained).sorted().prefix(8).joined(separator: ", "))")
    }
    for (order, outcome) in manual {
        let problems = audit.rows.filter { $0.orders.contains(order) }.map(\.kind)
        narrator.notice(
            "\(order): \(Outcomes.describe(outcome)) — the audit \(problems.isEmpty ? "finds nothing left over" : "finds: " + problems.joined(separator: ", ")); it goes to a person, never counted as success"
        )
    }

    var rows: [[String]] = []
    if let naive = stage.naiveCost.withLock({ $0 }) {
        rows.append(["naive (act 2)", naive.callsPerOrder.formatted(fractionDigits: 2), naive.latency.p50.readable, naive.latency.p99.readable])
    }
    rows.append(["saga", (Double(calls) / Double(stage.orders.count)).formatted(fractionDigits: 2), latency.p50.readable, latency.p99.readable])
    narrator.table(["the cost, under the same faults", "calls per order", "p50", "p99"], rows)
    narrator.say(
        "The extra calls are retries and compensations; the tail is the time spent waiting for answers that never come (\(stage.timeout.readable) per timeout)."
    )
    let whose = stage.implementation == .student ? "Exercises" : "Solutions"
    if let lines = sagaLines(in: whose) {
        narrator.say(
            "And the code: \(stage.implementation == .student ? "your saga" : "the reference saga") is \(lines) lines (\(whose)/02-premature-split/OrderSaga.swift, without blank and comment lines); lesson 01's placeOrder was one transaction. Each step now has three more states — retrying, compensating, in doubt — and each service an idempotency table."
        )
    }
}

/// The length of a saga file (the reference's in Solutions/, the student's in Exercises/),
/// found from this source file's place in the workbook (so from any working directory); nil
/// when the sources are not there.
private func sagaLines(in folder: String) -> Int? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("\(folder)/02-premature-split/OrderSaga.swift")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
    return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
        let line = $0.trimmingCharacters(in: .whitespaces)
        return !line.isEmpty && !line.hasPrefix("//")
    }.count
}
