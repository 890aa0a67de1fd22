import SchemaPerModuleKit
import Shop

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
    narrator.say("The source material's four rules of a modular monolith: 1. each module has a public API, the only thing others call;")
    narrator.say("2. no cross-module database queries — a module owns its tables; 3. side effects travel as events (auth publishes")
    narrator.say("\"user registered\", billing reacts); 4. each module can be tested on its own, with the others' APIs faked.")
    narrator.say("Acts 2–4 showed rules 1–3 enforced. Rule 4, run now: billing alone, on an empty database of its own, auth replaced")
    narrator.say("by a fake AuthAPI that knows one address — auth's module is never created:")
    try showBillingAlone(stage)
    narrator.say("")
    narrator.say("Decision record (ADR-004): the shop is one deployable with four modules — auth, catalog, billing, orders —")
    narrator.say("each owning a schema, reached only through its public API, with the database (module roles) and the compiler")
    narrator.say("(one target per module) enforcing it. Revisit when one module needs independent scaling or deploys, or a team")
    narrator.say("owns a module end to end and is blocked by the shared release: extract that module first (lesson 06).")
}

/// Rule 4 of the source material's modular monolith, shown: the billing module under study runs
/// with nothing but its own schema and a fake of auth's public API.
private func showBillingAlone(_ stage: Stage) throws {
    let billing = stage.functions
    let database = try ModularDatabase(at: .sqlite(path: ":memory:"))
    let connection = database.connection(for: .billing)
    let auth = FakeAuth(addresses: ["ada": "ada@example.com"])
    try billing.migrate(connection)
    try billing.handle(UserRegistered(user: "ada", email: "ada@example.com"), connection)
    try billing.record(Charge(id: "ch-1", user: "ada", amount: 1_250), connection)
    let summary = try billing.summary("ada", connection, auth)
    stage.narrator.table(
        ["step", "billing's answer"],
        [
            ["migrate, then \"user registered\" for ada", "customer ada"],
            ["charge ch-1, $12.50", "recorded"],
            ["invoice summary of ada", summary.map { "\($0.email): \($0.charges) charge(s), \($0.total)" } ?? "nil"],
            ["auth's tables in that database", "\(try database.admin.query("SELECT name FROM sqlite_master WHERE name LIKE 'auth%'").count)"],
        ])
    stage.narrator.ok("billing ran and answered with auth faked in three lines: a module that can be tested alone can be moved alone (act 5)")
}

/// Auth's public API, faked for a test of billing alone: a dictionary of addresses.
private final class FakeAuth: AuthAPI {
    let addresses: [UserID: String]

    init(addresses: [UserID: String]) { self.addresses = addresses }

    func email(of user: UserID) throws -> String? { addresses[user] }
}
