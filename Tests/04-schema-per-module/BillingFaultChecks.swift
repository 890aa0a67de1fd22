import Database
import SchemaPerModuleKit
import Shop
import Testing
import WorkbookKit

/// The clauses a happy run cannot see: a migration run again over data, a charge id reused by
/// another customer, two deliveries of one event overlapping, and errors that must reach the
/// caller instead of being swallowed.
@Suite("Exercise 04 · billing over existing data, overlapping deliveries and failures")
struct BillingFaultChecks {
    @Test("migrating billing again after customers and charges exist loses nothing", arguments: Grading.implementations, Grading.locations)
    func migrateOverData(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
        try shop.billing.migrate(shop.billingConnection)
        try expectSummary(
            shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 300)),
            "rule broken: a second migration changes nothing and loses nothing (input: u1 charged c1 $3.00, then migrateBilling again)")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .refused(.duplicateCharge("c1")))
    }

    @Test("a charge id is unique across customers: another user's c1 is a duplicate", arguments: Grading.implementations, Grading.locations)
    func chargeIDAcrossCustomers(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try shop.register("u2", "grace@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
        try expectCharge(shop, Charge(id: "c1", user: "u2", amount: 500), .refused(.duplicateCharge("c1")))
        try expectSummary(shop, "u2", .summary(InvoiceSummary(user: "u2", email: "grace@example.com", charges: 0, total: .zero)))
    }

    @Test(
        "two deliveries of one \"user registered\" overlap: the second lands just before the first one's insert; no error, one customer",
        arguments: Grading.implementations, Grading.locations)
    func overlappingDeliveries(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location, listening: false)
        try shop.register("u1", "ada@example.com")
        let event = UserRegistered(user: "u1", email: "ada@example.com")
        let handle = shop.billing.handle
        let overlapping = FaultInjectingDatabase(wrapping: shop.billingConnection)
        var secondRanBefore: String?
        overlapping.beforeStatement = { statement, real throws(DatabaseError) in
            guard secondRanBefore == nil, FaultInjectingDatabase.writes(statement, to: "customers") else { return }
            secondRanBefore = statement
            do {
                try handle(event, JoinedTransaction(real))
            } catch let error as DatabaseError {
                throw error
            } catch {
                throw DatabaseError(kind: .execution, message: "the second delivery failed: \(error)", sql: statement)
            }
        }
        let outcome: String
        do {
            try handle(event, overlapping)
            outcome = "handled"
        } catch {
            outcome = "threw \(error)"
        }
        #expect(secondRanBefore != nil, "rule broken: handleUserRegistered must insert into billing.customers; it never did (\(outcome))")
        #expect(
            outcome == "handled",
            """
            rule broken: the same event twice makes one customer, also when the deliveries overlap (insert with ON CONFLICT … DO NOTHING, not look-then-insert)
              expected: handled
              yours:    \(outcome)
              input:    u1's "user registered", delivered again just before your statement `\(secondRanBefore ?? "")` (\(location.engine.rawValue))
            """)
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
        try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 1, total: 300)))
    }

    @Test(
        "the database failing on any statement of handleUserRegistered: its DatabaseError is thrown, and the event delivered again makes the customer",
        arguments: Grading.implementations, Grading.locations)
    func handlerFailure(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let event = UserRegistered(user: "u1", email: "ada@example.com")
        let counting = try ModularShop(implementation, on: location, listening: false)
        let counter = FaultInjectingDatabase(wrapping: counting.billingConnection)
        try counting.billing.handle(event, counter)
        for k in 1...max(counter.statementCount, 1) {
            let shop = try ModularShop(implementation, on: location, listening: false)
            try shop.register("u1", "ada@example.com")
            let faulty = FaultInjectingDatabase(wrapping: shop.billingConnection, failingStatement: k)
            let outcome = Self.outcome { try shop.billing.handle(event, faulty) }
            #expect(
                outcome == "the injected DatabaseError",
                "rule broken: a database failure is thrown as the DatabaseError it is, so that the event is delivered again\n  expected: the injected DatabaseError\n  yours:    \(outcome)\n  input:    u1's \"user registered\", statement \(k) of \(counter.statementCount) failing (\(location.engine.rawValue))"
            )
            try shop.billing.handle(event, shop.billingConnection)
            try expectSummary(shop, "u1", .summary(InvoiceSummary(user: "u1", email: "ada@example.com", charges: 0, total: .zero)))
        }
    }

    @Test(
        "an error from auth's API or from the database reaches the caller of invoiceSummary: never an empty address or nil",
        arguments: Grading.implementations, Grading.locations)
    func summaryErrors(_ implementation: Implementation, _ location: DatabaseLocation) throws {
        let shop = try ModularShop(implementation, on: location)
        try shop.register("u1", "ada@example.com")
        try expectCharge(shop, Charge(id: "c1", user: "u1", amount: 300), .recorded)
        let authDown = Self.outcome { _ = try shop.billing.summary("u1", shop.billingConnection, AuthDown()) }
        #expect(
            authDown == "AuthDown",
            "rule broken: an error from auth's API is thrown as it is\n  expected: AuthDown\n  yours:    \(authDown)\n  input:    invoice of u1 while auth.email(of:) throws AuthDown (\(location.engine.rawValue))"
        )
        let counter = FaultInjectingDatabase(wrapping: shop.billingConnection)
        _ = try shop.billing.summary("u1", counter, shop.auth)
        for k in 1...max(counter.statementCount, 1) {
            let faulty = FaultInjectingDatabase(wrapping: shop.billingConnection, failingStatement: k)
            let outcome = Self.outcome { _ = try shop.billing.summary("u1", faulty, shop.auth) }
            #expect(
                outcome == "the injected DatabaseError",
                "rule broken: a database failure is thrown as the DatabaseError it is\n  expected: the injected DatabaseError\n  yours:    \(outcome)\n  input:    invoice of u1, statement \(k) of \(counter.statementCount) failing (\(location.engine.rawValue))"
            )
        }
    }

    /// What a call did, in the words the messages compare.
    static func outcome(_ call: () throws -> Void) -> String {
        do {
            try call()
            return "returned without an error"
        } catch let error as DatabaseError where error.kind == .injectedFault {
            return "the injected DatabaseError"
        } catch is AuthDown {
            return "AuthDown"
        } catch {
            return "\(type(of: error)): \(error)"
        }
    }
}

/// Auth's API when auth is down.
final class AuthDown: AuthAPI, Error {
    func email(of user: UserID) throws -> String? { throw AuthDown() }
}
