import Database
import SchemaPerModuleKit
import Shop
import Testing
import WorkbookKit

/// The states the happy fixtures make look the same: auth and billing disagreeing about a user
/// (an event not handled yet), two refusals at once, and the database failing under billing.
@Suite("Exercise 04 · billing when the modules disagree and when the database fails")
struct BillingStateChecks {
    @Test(
        "a user auth registered but billing has not heard of: no invoice, and a charge is refused as unknown",
        arguments: Grading.implementations, Grading.locations)
    func authKnowsBillingDoesNot(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location, listening: false)
        try shop.register("u1", "ada@example.com")
        try expectSummary(
            shop, "u1", .summary(nil),
            "rule broken: nil when billing has no customer, whatever auth knows (input: u1 registered in auth, the event not handled)")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 500), .refused(.unknownCustomer("u1")))
    }

    @Test(
        "a billing customer auth does not know: an invoice with an empty address",
        arguments: Grading.implementations, Grading.locations)
    func billingKnowsAuthDoesNot(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location, listening: false)
        try shop.billing.handle(UserRegistered(user: "u9", email: "old@example.com"), shop.billingConnection)
        try expectCharge(shop, Charge(id: "c1", user: "u9", amount: 700), .recorded)
        try expectSummary(
            shop, "u9", .summary(InvoiceSummary(user: "u9", email: "", charges: 1, total: 700)),
            "rule broken: the address is auth's, empty when auth has none (input: billing handled u9's event, auth never registered u9)")
    }

    @Test(
        "an unknown customer is reported before a duplicate id; a charge of 1 cent is positive",
        arguments: Grading.implementations, Grading.locations)
    func refusalOrder(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 1), .recorded)
        try expectCharge(shop, Charge(id: "c1", user: "mallory", amount: 500), .refused(.unknownCustomer("mallory")))
        try expectCharge(shop, Charge(id: "c1", user: "mallory", amount: 0), .refused(.invalidAmount(0)))
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 1)))
    }

    @Test(
        "the database failing on any statement of recordCharge: its DatabaseError reaches the caller and nothing changes",
        arguments: Grading.implementations, Grading.locations)
    func failingStatement(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        let charge = Charge(id: "c1", user: "u1", amount: 500)
        let counter = FaultInjectingDatabase(wrapping: shop.billingConnection)
        try shop.billing.record(Charge(id: "c0", user: "u1", amount: 100), counter)
        for k in 1...max(counter.statementCount, 1) {
            let faulty = FaultInjectingDatabase(wrapping: shop.billingConnection, failingStatement: k)
            let outcome: ChargeOutcome
            do {
                try shop.billing.record(charge, faulty)
                outcome = .recorded
            } catch let error as DatabaseError where error.kind == .injectedFault {
                outcome = .failed("injected")
            } catch {
                outcome = .failed("\(type(of: error)): \(error)")
            }
            let failed = faulty.trace.filter { $0 != "ROLLBACK" }.dropFirst(k - 1).first ?? "?"
            #expect(
                outcome == .failed("injected"),
                "rule broken: a database failure is thrown as the DatabaseError it is\n  expected: the injected DatabaseError\n  yours:    \(outcome)\n  input:    \(charge), statement \(k) of \(counter.statementCount) failing (\(failed))"
            )
            #expect(!shop.billingConnection.isInTransaction, "rule broken: a failure leaves no transaction open (statement \(k) failing)")
            try expectSummary(
                shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 100)),
                "rule broken: a failed charge changes nothing (statement \(k) failing)")
        }
        try expectCharge(shop, charge, .recorded)
    }
}
