/// Act 8: what a transaction cannot fix — the pressures that eventually crack a monolith.
func actWhenItBreaks(_ stage: Stage) throws {
    let narrator = stage.narrator
    narrator.say("Everything above ran in one process on one database: no network call, no partial state, no compensation code.")
    narrator.say("Monoliths do not break because of technology; they break because of growth:")
    narrator.table(
        ["pressure", "what it looks like", "what would relieve it"],
        [
            ["team scaling", "50 engineers, one deploy queue; the 3am incident", "module owners, then services"],
            ["independent scaling", "search needs 10× the CPU of checkout", "scale that part alone"],
            ["technology lock-in", "one part wants another runtime or a GPU", "a separate deployable"],
            ["fault isolation", "a leak in email rendering kills checkout", "a separate process"],
        ])
    narrator.say("The 3am incident: a one-line template fix shipped a colleague's unfinished migration with it;")
    narrator.say("because everything deploys together, billing went down with notifications — 4 hours, $200,000.")
    narrator.notice(
        "the usual first pressure is team scaling, not load. Until one of these hurts, the transaction you just watched is worth more than any split.")
    narrator.say("")
    narrator.say("Decision record (ADR-001): start the shop as a monolith with one transactional order flow.")
    narrator.say("Revisit when a pressure above is measured, not imagined — e.g. deploys queue for days, or one module needs 10× the capacity.")
    narrator.say("Next: lesson 02 splits this order into three services and counts what breaks (`swift run premature-split`).")
}
