import LessonKit
import StranglerFigKit
import WorkbookKit

/// Act 1: the facade goes in front of the monolith with nothing migrated; its cost, measured.
func actFacade(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    try await migration.apply(MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0)]))
    try await migration.resetStats()
    narrator.step("Plan: /payments → 0% extracted. \(stage.requests) fee quotes straight to legacy, then the same through the facade…")
    var random = SeededRandom(seed: stage.seed)
    let paths = (0..<stage.requests).map { _ in feeQuotePath(&random) }
    var direct = LatencyRecorder()
    var viaFacade = LatencyRecorder()
    // Each request is sent both ways, one right after the other: the facade's cost is the
    // difference within each pair, whose own percentiles are what it adds (a difference of two
    // p99s is no percentile of anything).
    var added: [Duration] = []
    var different = 0
    for (index, path) in paths.enumerated() {
        let tenant = tenants[index % tenants.count]
        let (straight, took) = try await migration.send("GET", path, to: .legacy, tenant: tenant)
        direct.record(took)
        let (routed, tookRouted) = try await migration.send("GET", path, to: .facade, tenant: tenant)
        viaFacade.record(tookRouted)
        added.append(tookRouted - took)
        if straight != routed { different += 1 }
    }
    added.sort()
    let addedAt = { (share: Double) in added[min(added.count - 1, Int((share * Double(added.count)).rounded(.up)) - 1)] }
    let stats = try await migration.stats()
    narrator.table(
        ["path", "p50", "p99", "build"],
        [
            ["client → legacy", direct.p50.readable, direct.p99.readable, BuildConfiguration.name],
            ["client → facade → legacy", viaFacade.p50.readable, viaFacade.p99.readable, BuildConfiguration.name],
            ["added by the facade, per request", addedAt(0.5).signedReadable, addedAt(0.99).signedReadable, BuildConfiguration.name],
        ])
    narrator.say(
        "added by the facade: for each request, its time through the facade minus its time straight to legacy, sent one after the other; the row gives those \(added.count) differences' own p50 and p99. A negative one is a request that happened to be faster through the facade: noise of a single request."
    )
    narrator.table(["destination", "requests", "errors"], destinationRows(stats))
    different == 0
        ? narrator.ok("every answer through the facade was byte for byte the answer without it: clients notice nothing but the added hop")
        : narrator.failed("\(different) answers differed through the facade")
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }
}
