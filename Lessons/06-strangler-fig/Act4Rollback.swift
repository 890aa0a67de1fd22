import Foundation
import ServiceKit
import StranglerFigKit
import WorkbookKit

/// Act 4: half the tenants on the new service, charges flowing; the kill switch, mid-traffic.
func actRollback(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 50)])
    try await migration.apply(plan)
    narrator.step("50% of tenants on the new service. \(stage.requests) charges arrive, ten at a time; halfway through, someone pulls the kill switch…")
    var random = SeededRandom(seed: stage.seed &+ 3)
    let charges = (0..<stage.requests).map { index in
        let tenant = tenants[index % tenants.count]
        return (tenant, chargeBody(for: tenant, &random))
    }
    struct Counts {
        var before: [String: Int] = [:]
        var after: [String: Int] = [:]
        var failed = 0
    }
    var counts = Counts()
    var switched = false
    for start in stride(from: 0, to: charges.count, by: 10) {
        if !switched, start >= charges.count / 2 {
            var killed = plan
            killed.killSwitch = true
            try await migration.apply(killed)
            switched = true
        }
        let batch = charges[start..<min(start + 10, charges.count)]
        let answers = await withTaskGroup(of: String?.self) { group in
            for (tenant, body) in batch {
                group.addTask {
                    guard let (answer, _) = try? await migration.send("POST", "/payments/charges", to: .facade, tenant: tenant, body: body),
                        answer.status == 201, let receipt = try? JSON.decode(ChargeReceipt.self, from: answer.body)
                    else { return nil }
                    return receipt.chargedBy
                }
            }
            var answers: [String?] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        for answer in answers {
            guard let side = answer else {
                counts.failed += 1
                continue
            }
            if switched { counts.after[side, default: 0] += 1 } else { counts.before[side, default: 0] += 1 }
        }
    }
    narrator.table(
        ["", "charged by legacy", "charged by extracted"],
        [
            ["before the kill switch", "\(counts.before["legacy"] ?? 0)", "\(counts.before["extracted"] ?? 0)"],
            ["after the kill switch", "\(counts.after["legacy"] ?? 0)", "\(counts.after["extracted"] ?? 0)"],
        ])
    counts.failed == 0
        ? narrator.ok("all \(charges.count) charges answered 201: the switch lost nothing in flight")
        : narrator.failed("\(counts.failed) charges failed around the switch")
    (counts.after["extracted"] ?? 0) == 0
        ? narrator.ok("after the switch, not one request reached the new service: rollback is a configuration change, seconds, no deploy")
        : narrator.failed("\(counts.after["extracted"] ?? 0) requests still reached the new service after the switch")
    narrator.say(
        "What a kill switch cannot undo: the charges the new service already took live in its database. Rolling back routing is instant; rolling back data needs a plan (sync back, or keep both readable) decided before the canary."
    )
    try await migration.apply(MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100)]))
}
