import LessonKit
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
    var shares: [(label: String, value: Double, note: String)] = []
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
        let total = max(1, (requests["legacy"] ?? 0) + (requests["extracted"] ?? 0))
        let share = Double(requests["extracted"] ?? 0) / Double(total)
        shares.append(("rollout \(percentage)%", share, "\(Int((share * 100).rounded()))% of requests to the new service"))
        // Each tenant's bucket is uniform in 1…100, so the count moved is binomial(n, p).
        let p = Double(percentage) / 100
        let expected = Double(tenants.count) * p
        let spread = (Double(tenants.count) * p * (1 - p)).squareRoot()
        rows.append([
            "\(percentage)%", "\(moved.count) of \(tenants.count)",
            percentage == 100 ? "\(tenants.count)" : "\(expected.formatted(fractionDigits: 0)) ± \(spread.formatted(fractionDigits: 1))",
            "\(requests["legacy"] ?? 0)", "\(requests["extracted"] ?? 0)", "\(errors)",
        ])
    }
    narrator.table(["rollout", "tenants on the new service", "expected (± 1 s.d.)", "requests to legacy", "to extracted", "errors"], rows)
    narrator.say("The new service's share of requests at each step (a full bar is all of them):")
    TerminalChart.bars(shares.map { ($0.label, $0.value * 100, $0.note) }).forEach(narrator.say)
    narrator.say(
        "The percentage is of tenants, each hashed to a bucket of its own: with \(tenants.count) of them the count moved is a draw, whose mean and usual spread the expected column gives (a count within two spreads of the mean is ordinary). The share of requests follows the tenants moved, not the percentage; it comes close to the figure only with hundreds of tenants."
    )
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
