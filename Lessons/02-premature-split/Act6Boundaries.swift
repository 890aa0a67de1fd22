/// Act 6: the same five feature changes under a split by layer and a split by domain: how many
/// services, deploys, contracts and teams each one touches (computed from `Boundaries`).
func actBoundaries(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.say("Conway's law: a system's structure copies the communication structure of the teams that build it.")
    narrator.say(
        "Two ways to cut the shop into three services, one team each: by layer (web page, business logic, data access) or by domain (orders, inventory, payments, as in acts 1–5)."
    )
    narrator.say("Five changes the business asks for, and what each touches; a service touched is one deploy and one team in the room:")
    var rows: [[String]] = []
    var totals = [Boundaries.Cost](repeating: .init(services: 0, contracts: 0), count: 2)
    for change in Boundaries.changes {
        let costs = [Boundaries.byLayer, Boundaries.byDomain].map { Boundaries.cost(of: change, under: $0) }
        for (index, cost) in costs.enumerated() {
            totals[index] = .init(services: totals[index].services + cost.services, contracts: totals[index].contracts + cost.contracts)
        }
        rows.append([change.name] + costs.flatMap { ["\($0.services)", "\($0.contracts)"] })
    }
    rows.append(["all five"] + totals.flatMap { ["\($0.services)", "\($0.contracts)"] })
    narrator.table(
        ["change", "by layer: services, deploys, teams", "contracts changed", "by domain: services, deploys, teams", "contracts changed"], rows)
    let (layer, domain) = (totals[0], totals[1])
    domain.services < layer.services
        ? narrator.ok(
            "by domain, the five changes touch \(domain.services) services and change \(domain.contracts) contract(s); by layer, \(layer.services) and \(layer.contracts): most changes cut through every layer, so a split by layer turns each into a coordinated release of several teams"
        )
        : narrator.failed("by domain touched \(domain.services) services, by layer \(layer.services): this model does not favour the domain split")
    narrator.say("A new payment method, split by domain, is one team's deploy with no meeting; split by layer, it is three teams agreeing on two contracts.")
    narrator.say(
        "The inverse Conway manoeuvre: shape the teams first (one per domain), and the architecture follows. Three tests before a boundary becomes a service:")
    narrator.table(
        ["test", "the question", "in this shop"],
        [
            ["team", "does one team own it, and would a second team be blocked by sharing it?", "one team of five owns everything: no"],
            ["change", "do its changes usually land alone, without another module's deploy?", "by domain yes, by layer no (the table above)"],
            ["data", "can it own its data, with no transaction spanning the boundary?", "checkout needs stock, money and order in one (lesson 01): no"],
        ])
}
