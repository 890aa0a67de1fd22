import EventBusKit

/// Fraud scoring with a bug: it throws on orders of four items. Whether it is fixed is a switch.
actor FraudScorer {
    private(set) var fixed = false
    private(set) var scored = 0

    func fix() { fixed = true }

    func score(_ order: OrderPlaced) throws {
        struct ScoringBug: Error, CustomStringConvertible {
            let order: String
            var description: String { "fraud model crashed on \(order): index out of range for 4 items" }
        }
        if order.items == 4 && !fixed { throw ScoringBug(order: order.order.rawValue) }
        scored += 1
    }
}

/// Act 3: one consumer fails on some events; retries, dead letters, the others carry on; replay.
func actPoisonEvent(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let orders = stage.orders(20, startingAt: 101)
    let poisoned = orders.filter { $0.event.items == 4 }.count

    narrator.step("The source material's bus: `try: handler(event) except: print(...)` — fraud over the same \(orders.count) orders:")
    let swallowing = FraudScorer()
    var swallowed = 0
    for order in orders {
        do { try await swallowing.score(order.event) } catch { swallowed += 1 }
    }
    narrator.failed("\(swallowed) events failed, were printed and are gone: nothing left to retry or replay")

    let retry = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20))
    narrator.step("Our bus: \(retry.maxAttempts) attempts with backoff (20 ms, then 40 ms), then the dead-letter queue:")
    let bus = stage.makeBus(retry: retry)
    let fraud = FraudScorer()
    let log = ConsumerLog()
    try await bus.subscribe("fraud", to: OrderPlaced.self) { try await fraud.score($0.event) }
    try await bus.subscribe("shipping", to: OrderPlaced.self) { _ in await log.record("shipping") }
    for order in orders { try await bus.publish(order) }
    try await bus.waitUntilIdle()
    let letters = try await bus.deadLetters()
    for letter in letters.prefix(3) { narrator.failed("dead letter: \(letter)") }
    if letters.count > 3 { narrator.say("  … and \(letters.count - 3) more") }
    narrator.table(
        ["consumer", "handled", "dead letters"],
        [
            ["fraud", "\(await fraud.scored)", "\(letters.filter { $0.consumer == "fraud" }.count)"],
            ["shipping", "\(await log.count("shipping"))", "\(letters.filter { $0.consumer == "shipping" }.count)"],
        ])
    let expected = letters.count == poisoned
    expected
        ? narrator.ok("the \(poisoned) poison events are parked with their error; shipping handled all \(orders.count)")
        : narrator.failed("expected \(poisoned) dead letters, found \(letters.count)")

    narrator.step("The fix is deployed; replay the dead letters:")
    await fraud.fix()
    try await bus.replayDeadLetters()
    try await bus.waitUntilIdle()
    let left = try await bus.deadLetters().count
    narrator.table(["consumer", "handled", "dead letters"], [["fraud", "\(await fraud.scored)", "\(left)"]])
    if left == 0 { narrator.ok("every order scored, none lost") }
    narrator.notice("a failure in one consumer is contained, visible and recoverable. Swallowed with a print, it is a customer calling weeks later.")
}
