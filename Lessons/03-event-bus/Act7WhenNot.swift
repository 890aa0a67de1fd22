/// Act 7: where events do not belong, and the decision record.
func actWhenNot(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.say("Events fit facts that independent consumers react to in their own time. They do not fit a step whose answer the caller needs now:")
    narrator.table(
        ["needs a synchronous answer", "why an event cannot do it"],
        [
            ["payment authorisation", "checkout must know approved or declined before it confirms"],
            ["stock reservation at checkout", "\"you got the last one\" must be true when it is said"],
            ["authentication", "a request cannot proceed on an eventually-consistent identity"],
        ])
    narrator.say(
        "Event schemas are public APIs: OrderPlaced carries a type name and a version; a breaking change is OrderPlaced v2, published alongside v1 until every consumer has moved."
    )
    narrator.say("")
    narrator.say("Decision record (ADR-003): after checkout commits, the shop publishes \"order placed\" through an outbox to an in-process bus;")
    narrator.say("consumers are idempotent on the event id; failures retry with backoff, then park in a dead-letter queue that is watched.")
    narrator.say(
        "Revisit when a consumer must run in another process (move the bus to a broker; the outbox and the keys stay), or when consumers need history (a log).")
}
