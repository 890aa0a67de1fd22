import Database
import SchemaPerModuleKit
import Shop
import Testing
import WorkbookKit

/// Specification checks of the billing module, with the boundary guard on: any statement that
/// touches another module's schema fails with the SQL and the table named.
@Suite("Exercise 04 · the billing module")
struct BillingChecks {
    @Test(
        "a registered user becomes a billing customer with an empty invoice and auth's address",
        arguments: Grading.implementations, Grading.locations)
    func registration(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 0, total: .zero)))
        try expectSummary(shop, "nobody", .summary(nil), "billing has no customer for a user auth never registered")
    }

    @Test("charges add up on the invoice, per customer", arguments: Grading.implementations, Grading.locations)
    func charges(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try shop.register("u2", "grace@example.com")
        for charge in [Charge(id: "c1", user: "u1", amount: 1_250), Charge(id: "c2", user: "u1", amount: 8_900), Charge(id: "c3", user: "u2", amount: 1)] {
            try expectCharge(shop, charge, .recorded)
        }
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 2, total: 10_150)))
        try expectSummary(shop, "u2", .summary(InvoiceSummary(user: "u2", email: "grace@example.com", charges: 1, total: 1)))
    }

    @Test(
        "refused charges: non-positive amount (before any statement), unknown customer, duplicate id — and nothing changes",
        arguments: Grading.implementations, Grading.locations)
    func refusedCharges(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 500), .recorded)
        let tracer = FaultInjectingDatabase(wrapping: shop.billingConnection)
        for amount: Cents in [0, -5] {
            #expect(throws: BillingError.invalidAmount(amount), "a charge of \(amount)") {
                try shop.billing.record(Charge(id: "bad", user: "u1", amount: amount), tracer)
            }
        }
        #expect(tracer.trace.isEmpty, "an invalid amount must be refused before any statement runs; these ran: \(tracer.trace)")
        try expectCharge(shop, Charge(id: "c2", user: "mallory", amount: 500), .refused(.unknownCustomer("mallory")))
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 700), .refused(.duplicateCharge("c1")))
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 500)))
    }

    @Test("the same \"user registered\" twice makes one customer", arguments: Grading.implementations, Grading.locations)
    func duplicateEvent(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try shop.billing.handle(UserRegistered(user: "u1", email: "ada@example.com"), shop.billingConnection)
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 300)))
    }

    @Test("migrating billing twice is harmless", arguments: Grading.implementations, Grading.locations)
    func migrateTwice(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.billing.migrate(shop.billingConnection)
        try shop.register("u1", "ada@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
    }

    @Test(
        "the address comes from auth's API when the invoice is made, even after auth renames its column",
        arguments: Grading.implementations, Grading.locations)
    func addressThroughTheAPI(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try shop.auth.changeEmail(of: "u1", to: "ada@lovelace.example")
        try expectSummary(
            shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@lovelace.example", charges: 0, total: .zero)),
            "after auth changed the address")
        try shop.auth.migrate(to: 2)
        try expectSummary(
            shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@lovelace.example", charges: 0, total: .zero)),
            "after auth renamed users.email to users.email_address in its own schema")
    }

    @Test("billing's tables are all in billing's schema", arguments: Grading.implementations, Grading.locations)
    func tablesInBilling(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        let tables = try SchemaInventory.tables(in: shop.database)
        let outside = tables.filter { $0.schema != "billing" && $0.schema != "auth" }
        #expect(outside.isEmpty, "tables outside the modules' schemas: \(outside)")
        #expect(tables.contains { $0.schema == "billing" }, "billing's migration created no table in billing")
    }
}

@Suite("Exercise 04 · the boundary guard")
struct BoundaryGuardChecks {
    @Test(
        "billing's connection is refused auth's tables by the database itself", .enabled(if: Implementation.referenceShipped, "runs the reference's billing"),
        arguments: Grading.locations)
    func guardIsActive(_ location: DatabaseLocation) throws {
        let shop = try ModularShop(.reference, on: location)
        try shop.register("u1", "ada@example.com")
        let error = #expect(throws: DatabaseError.self) { try shop.billingConnection.query("SELECT email FROM auth.users") }
        #expect(error?.kind == .accessDenied, "\(String(describing: error))")
        do {
            let yours = try shop.database.admin.query("SELECT email FROM auth.users").count
            #expect(yours == 1, "the admin connection sees everything")
        }
    }
}

/// Checks an invoice summary, printing what the billing module answered (or the error, with its SQL).
func expectSummary(
    _ shop: ModularShop, _ user: UserID, _ expected: SummaryOutcome, _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let answered = try shop.summary(user)
    #expect(
        answered == expected,
        "invoice summary of \(user)\(context.isEmpty ? "" : ", " + context): expected \(expected); your billing: \(answered) (on \(shop.engine.rawValue))",
        sourceLocation: sourceLocation)
}

/// Checks a charge's outcome, printing what the billing module answered.
func expectCharge(_ shop: ModularShop, _ charge: Charge, _ expected: ChargeOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let answered = try shop.charge(charge)
    #expect(
        answered == expected, "\(charge): expected \(expected); your billing: \(answered) (on \(shop.engine.rawValue))", sourceLocation: sourceLocation)
}
