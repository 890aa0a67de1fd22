import WorkbookKit

/// Act 6: when a modular monolith is the right shape, and the decision record.
func actWhenToUse(_ stage: Stage) throws {
    let narrator = stage.narrator
    narrator.table(
        ["choose", "when"],
        [
            ["a plain monolith", "1–5 engineers, a domain still moving: boundaries would be guesses"],
            ["a modular monolith", "5–20 engineers, clear bounded contexts, one deploy is still fine"],
            ["services", "a module needs its own scaling, runtime, deploy cadence or failure domain — measured"],
        ])
    narrator.say("The four rules of a modular monolith: a module owns its schema; other modules use its public API only;")
    narrator.say("references across modules are ids, never foreign keys; modules talk by events or API calls, never shared tables.")
    narrator.say("")
    narrator.say("Decision record (ADR-004): the shop is one deployable with four modules — auth, catalog, billing, orders —")
    narrator.say("each owning a schema, reached only through its public API, with the database (module roles) and the compiler")
    narrator.say("(one target per module) enforcing it. Revisit when one module needs independent scaling or deploys, or a team")
    narrator.say("owns a module end to end and is blocked by the shared release: extract that module first (lesson 06).")
}
