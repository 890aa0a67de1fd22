import StranglerFigKit
import WorkbookKit

/// Act 2: the extracted service answers in the shadow; its rounding bug shows up as mismatches
/// before any customer sees it; the fix is deployed; the mismatches stop.
func actShadow(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    try await migration.apply(MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0, shadow: true)]))
    narrator.step(
        "Plan: /payments → 0% extracted, shadowed. Every fee quote is answered by legacy and also run on the new service, in random order; only legacy's answer goes back."
    )

    func quotes(_ label: String, seed: UInt64) async throws -> FacadeStats {
        try await migration.resetStats()
        var random = SeededRandom(seed: seed)
        for index in 0..<stage.requests {
            _ = try await migration.send("GET", feeQuotePath(&random), to: .facade, tenant: tenants[index % tenants.count])
        }
        return try await migration.stats()
    }
    let before = try await quotes("first version", seed: stage.seed)
    narrator.table(
        ["extracted payments", "compared", "mismatches", "candidate errors", "customers affected"],
        [
            ["version 1", "\(before.shadowed)", "\(before.mismatches)", "\(before.shadowFailures)", "0"]
        ])
    if let sample = before.samples.first {
        narrator.failed("mismatch: \(sample)")
        narrator.say(
            "A fee a cent short on about half of all amounts: version 1 truncates where the monolith rounds. Found with zero customers on the new code.")
    }
    narrator.step("Deploy version 2 of payments (rounding fixed): restart it on the same port…")
    await migration.halt(.payments)
    try await migration.launch(.payments, [])
    let after = try await quotes("fixed", seed: stage.seed &+ 1)
    narrator.table(
        ["extracted payments", "compared", "mismatches", "candidate errors", "customers affected"],
        [
            ["version 2", "\(after.shadowed)", "\(after.mismatches)", "\(after.shadowFailures)", "0"]
        ])
    after.mismatches == 0
        ? narrator.ok("no mismatch in \(after.shadowed) comparisons: the new service agrees with the old on everything it was asked")
        : narrator.failed("still \(after.mismatches) mismatches: \(after.samples.first.map(\.description) ?? "")")
    narrator.say("Only reads are shadowed: a charge run twice would take the money twice. Writes are checked by the canary instead.")
}
