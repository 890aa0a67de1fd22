import StranglerFigKit
import WorkbookKit

/// Act 3: the rollout grows, 10%, 50%, 100%; every tenant stays on one side at each step, and
/// no tenant ever goes back.
func actCanary(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    var random = SeededRandom(seed: stage.seed &+ 2)
    var rows: [[String]] = []
    var previouslyMoved: Set<String> = []
    var sticky = true
    var monotonic = true
    for percentage in [10, 50, 100] {
        try await migration.apply(MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: percentage)]))
        try await migration.resetStats()
        for index in 0..<stage.requests {
            let tenant = tenants[index % tenants.count]
            if index % 4 == 0 {
                _ = try await migration.send("POST", "/payments/charges", to: .facade, tenant: tenant, body: chargeBody(for: tenant, &random))
            } else {
                _ = try await migration.send("GET", feeQuotePath(&random), to: .facade, tenant: tenant)
            }
        }
        let stats = try await migration.stats()
        let moved = Set(stats.tenants.filter { $0.value == ["extracted"] }.keys)
        sticky = sticky && stats.tenants.values.allSatisfy { $0.count == 1 }
        monotonic = monotonic && previouslyMoved.isSubset(of: moved)
        previouslyMoved = moved
        let requests = stats.requests
        let errors = stats.errors.values.reduce(0, +)
        rows.append(["\(percentage)%", "\(moved.count) of \(tenants.count)", "\(requests["legacy"] ?? 0)", "\(requests["extracted"] ?? 0)", "\(errors)"])
    }
    narrator.table(["rollout", "tenants on the new service", "requests to legacy", "to extracted", "errors"], rows)
    sticky
        ? narrator.ok("at every step each tenant's requests all went to one side: a tenant's payments never straddle two systems")
        : narrator.failed("some tenant's requests went to both sides within one step")
    monotonic
        ? narrator.ok("every tenant moved at 10% was still moved at 50% and 100%: raising the percentage only adds tenants")
        : narrator.failed("a tenant went back to legacy as the percentage grew")
    narrator.say(
        "Buckets are MurmurHash3 of \"group:tenant\" modulo 100, plus 1 — Unleash's gradual rollout: the same tenant gets the same bucket on every machine and after every restart, so there is no session state to keep."
    )
}
