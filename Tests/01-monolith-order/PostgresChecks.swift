import Database
import LessonKit
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// The port's promise: the same `placeOrder` runs unchanged on PostgreSQL. Runs when
/// `DATABASE_URL` names a server (CI always sets it).
@Suite("Exercise 01 · the same placeOrder on PostgreSQL")
struct PostgresChecks {
    static let location = DatabaseLocation.postgres(in: Terminal.environment(["DATABASE_URL"]))

    @Test(
        "a happy order and every refusal behave on PostgreSQL as on SQLite",
        .enabled(if: location != nil, "PostgreSQL checks of exercise 01 skipped: set DATABASE_URL=postgres://… to run them"),
        arguments: Grading.implementations)
    func sameOutcomes(_ implementation: Implementation) throws {
        let location = try #require(Self.location)
        let happy = OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.headphones, 1), Standard.line(Standard.cable, 2)])
        let onSQLite = try Fixture()
        let onPostgres = try Fixture(on: location)
        do {
            let yours = try implementation.place(happy, in: onPostgres.database)
            let onSQLiteOutcome = try implementation.place(happy, in: onSQLite.database)
            #expect(yours == onSQLiteOutcome, "on \(happy): PostgreSQL gave one outcome, SQLite the other")
        }
        do {
            let yours = try onPostgres.snapshot()
            let onSQLiteTables = try onSQLite.snapshot()
            #expect(yours == onSQLiteTables, "the tables after \(happy): PostgreSQL's, then SQLite's")
        }
        for refusal in RefusalChecks.refusals {
            let shop = try Fixture(on: location)
            do {
                let yours = try implementation.place(refusal.request, in: shop.database)
                #expect(yours == .refused(refusal.error), "on \(refusal.request)")
            }
            try shop.expectUnchanged(after: refusal.request)
        }
    }

    @Test(
        "failing the k-th statement on PostgreSQL, for every k, leaves every table as it was",
        .enabled(if: location != nil, "PostgreSQL checks of exercise 01 skipped: set DATABASE_URL=postgres://… to run them"),
        arguments: Grading.implementations)
    func everyStatement(_ implementation: Implementation) throws {
        let location = try #require(Self.location)
        let request = FaultInjectionChecks.requests[0]
        let counter = FaultInjectingDatabase(wrapping: try Fixture(on: location).database)
        _ = try implementation.place(request, in: counter)
        for k in stride(from: 1, through: counter.statementCount, by: 1) {
            let shop = try Fixture(on: location)
            let outcome = try implementation.place(request, in: FaultInjectingDatabase(wrapping: shop.database, failingStatement: k))
            #expect(outcome.error.map { if case .database = $0 { true } else { false } } == true, "with statement \(k) failing: \(outcome)")
            try shop.expectUnchanged(after: request)
        }
    }
}
