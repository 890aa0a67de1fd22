import Database
import GradingKit
import PropertyBased
import SchemaPerModuleKit
import Shop
import Testing
import WorkbookKit

/// Differential checks: generated runs; every step's outcome must equal the reference's (and the
/// reference's an in-memory model's; in the student edition, which holds the reference out, the
/// student's outcomes must equal the model's), on SQLite and, with fewer runs, on PostgreSQL: 6 there,
/// where each run makes two databases of its own (about a second each), enough to run every
/// kind of statement on the second engine; the logic is covered by SQLite's 60.
@Suite("Exercise 04 · generated runs", .replaySeed)
struct BillingDifferentialChecks {
    @Test(
        "generated runs of registrations, charges and invoices give the same outcomes",
        arguments: Grading.implementations, Grading.locations)
    func generatedRuns(_ implementation: Implementation, _ location: DatabaseLocation) async throws {
        await propertyCheck(count: location.engine == .postgres ? 6 : 60, input: BillingScenario.generator) { scenario in
            do {
                let expected =
                    implementation == .reference || !Implementation.referenceShipped
                    ? BillingModel.run(scenario) : try Self.run(scenario, .reference, on: location)
                let actual = try Self.run(scenario, implementation, on: location)
                for (index, (want, got)) in zip(expected, actual).enumerated() where want != got {
                    Issue.record("step \(index + 1) (\(scenario.steps[index])): expected \(want); your billing: \(got)\nscenario:\n\(scenario)")
                    return
                }
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error) on \(location.engine.rawValue)\n\(scenario)")
            }
        }
    }

    /// Each step's outcome, as text that compares what the contract defines.
    static func run(_ scenario: BillingScenario, _ implementation: Implementation, on location: DatabaseLocation) throws -> [String] {
        let shop = try ModularShop(implementation, on: location)
        var registered: Set<Int> = []
        var addresses: [Int: Int] = [:]
        return try scenario.steps.map { step in
            switch step {
            case .register(let user):
                if registered.contains(user) { return "already registered" }
                registered.insert(user)
                try shop.register(UserID("u\(user)"), "u\(user)@example.com")
                return "registered"
            case .repeatEvent(let user):
                guard registered.contains(user) else { return "not registered" }
                try shop.billing.handle(UserRegistered(user: UserID("u\(user)"), email: "u\(user)@example.com"), shop.billingConnection)
                return "handled again"
            case let .charge(id, user, cents):
                return try shop.charge(Charge(id: "c\(id)", user: UserID("u\(user)"), amount: Cents(cents))).description
            case .changeEmail(let user):
                guard registered.contains(user) else { return "not registered" }
                addresses[user, default: 0] += 1
                try shop.auth.changeEmail(of: UserID("u\(user)"), to: "u\(user).\(addresses[user]!)@example.com")
                return "changed"
            case .renameAuthColumn:
                try shop.auth.migrate(to: 2)
                return "renamed"
            case .summary(let user):
                return try shop.summary(UserID("u\(user)")).description
            }
        }
    }
}

/// Billing's contract over plain dictionaries: the independent oracle for the reference.
enum BillingModel {
    static func run(_ scenario: BillingScenario) -> [String] {
        var registered: Set<Int> = []
        var addresses: [Int: Int] = [:]
        var charges: [String: (user: Int, cents: Int)] = [:]
        return scenario.steps.map { step in
            switch step {
            case .register(let user):
                return registered.insert(user).inserted ? "registered" : "already registered"
            case .repeatEvent(let user):
                return registered.contains(user) ? "handled again" : "not registered"
            case let .charge(id, user, cents):
                let charge = Charge(id: "c\(id)", user: UserID("u\(user)"), amount: Cents(cents))
                if cents <= 0 { return ChargeOutcome.refused(.invalidAmount(charge.amount)).description }
                if !registered.contains(user) { return ChargeOutcome.refused(.unknownCustomer(charge.user)).description }
                if charges[charge.id] != nil { return ChargeOutcome.refused(.duplicateCharge(charge.id)).description }
                charges[charge.id] = (user, cents)
                return ChargeOutcome.recorded.description
            case .changeEmail(let user):
                guard registered.contains(user) else { return "not registered" }
                addresses[user, default: 0] += 1
                return "changed"
            case .renameAuthColumn:
                return "renamed"
            case .summary(let user):
                guard registered.contains(user) else { return SummaryOutcome.summary(nil).description }
                let mine = charges.values.filter { $0.user == user }
                let email = addresses[user].map { "u\(user).\($0)@example.com" } ?? "u\(user)@example.com"
                return SummaryOutcome.summary(
                    InvoiceSummary(
                        user: UserID("u\(user)"), email: email, charges: mine.count, total: Cents(mine.map(\.cents).reduce(0, +)))
                ).description
            }
        }
    }
}
