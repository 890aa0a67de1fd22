import StranglerFigKit
import WorkbookKit

/// Act 5: payments is all on the new service; the monolith's payments code is deleted.
func actRetire(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    narrator.step("Every tenant has run on the new service for a while. The monolith's payments routes are removed (legacy restarts without them)…")
    await migration.halt(.legacy)
    try await migration.launch(.legacy, ["--without-payments"])
    try await migration.apply(MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100)]))
    try await migration.resetStats()
    var random = SeededRandom(seed: stage.seed &+ 4)
    let (legacyDirect, _) = try await migration.send("GET", feeQuotePath(&random), to: .legacy, tenant: "t-1")
    var failures = 0
    for index in 0..<stage.requests {
        let tenant = tenants[index % tenants.count]
        let (answer, _) =
            index % 5 == 0
            ? try await migration.send("GET", "/catalog", to: .facade, tenant: tenant)
            : try await migration.send("GET", feeQuotePath(&random), to: .facade, tenant: tenant)
        if !answer.isSuccess { failures += 1 }
    }
    let stats = try await migration.stats()
    narrator.say("The monolith itself now answers /payments with \(legacyDirect.status).")
    narrator.table(["destination", "requests", "errors"], destinationRows(stats))
    failures == 0
        ? narrator.ok("through the facade nothing changed for clients: /payments goes to the new service, the catalog to the monolith")
        : narrator.failed("\(failures) requests failed after the retirement")
    narrator.say(
        "What the facade becomes: the shop's front door with one rule per extracted module — and nothing else. Edge concerns (TLS, request ids, rate limits, auth checks) may live there; business rules may not, or it becomes a god gateway that every team must change for every feature."
    )
    narrator.say(
        "It is also one more hop (act 1) and a single point of failure: run at least two, keep them stateless (the plan is data, buckets need no session), and give the plan a kill switch."
    )
    narrator.say(
        "When not to strangle: a young app you could rewrite in weeks, or a module with no reason to leave (no separate scaling, cadence or compliance need). Strangling is for systems too big or too valuable to stop; it can take a year and more of running two systems."
    )
    narrator.notice("the decision record is in Lessons/06-strangler-fig/README.md; the exercise is the router in Exercises/06-strangler-fig/Routing.swift.")
}
