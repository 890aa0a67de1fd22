import Database
import SchemaPerModuleExercise
import SchemaPerModuleKit
import SchemaPerModuleSolution
import Testing
import WorkbookKit

/// How exercise 04 is graded: every check runs against the reference billing module, and against
/// the student's once one of its functions stops throwing `NotAttempted`; on SQLite always, and
/// on PostgreSQL too when `DATABASE_URL` names a server.
enum Grading {
    static let file = "Exercises/04-schema-per-module/Billing.swift"

    static let studentAttempted = Attempt.isAttempted {
        let shop = try ModularDatabase(at: .sqlite(path: ":memory:"))
        let billing = shop.connection(for: .billing)
        let probes: [() throws -> Void] = [
            { try SchemaPerModuleExercise.migrateBilling(billing) },
            { try SchemaPerModuleExercise.handleUserRegistered(UserRegistered(user: "probe", email: "p@example.com"), in: billing) },
            { try SchemaPerModuleExercise.recordCharge(Charge(id: "probe", user: "probe", amount: 0), in: billing) },
        ]
        var notAttempted: NotAttempted?
        for probe in probes {
            do { try probe(); return } catch let error as NotAttempted { notAttempted = error } catch { return }
        }
        if let notAttempted { throw notAttempted }
    }

    static let implementations = Implementation.graded(studentAttempted: studentAttempted)

    static let locations = DatabaseLocation.forTests(environment: Terminal.environment(["DATABASE_URL"]))
}

@Test("Exercise 04 · your billing module is attempted, and every check below runs against it too",
    .enabled(if: Grading.studentAttempted, Comment(rawValue: Attempt.notAttemptedMessage(exercise: "04", file: Grading.file))))
func exercise04Attempted() {}

/// The billing module of one implementation, as four functions.
struct BillingModule: Sendable {
    let migrate: @Sendable (any Database) throws -> Void
    let handle: @Sendable (UserRegistered, any Database) throws -> Void
    let record: @Sendable (Charge, any Database) throws -> Void
    let summary: @Sendable (UserID, any Database, any AuthAPI) throws -> InvoiceSummary?
}

extension Implementation {
    var billing: BillingModule {
        switch self {
        case .reference:
            BillingModule(
                migrate: SchemaPerModuleSolution.migrateBilling, handle: SchemaPerModuleSolution.handleUserRegistered,
                record: SchemaPerModuleSolution.recordCharge, summary: SchemaPerModuleSolution.invoiceSummary)
        case .student:
            BillingModule(
                migrate: SchemaPerModuleExercise.migrateBilling, handle: SchemaPerModuleExercise.handleUserRegistered,
                record: SchemaPerModuleExercise.recordCharge, summary: SchemaPerModuleExercise.invoiceSummary)
        }
    }
}

extension DatabaseLocation: CustomTestStringConvertible {
    public var testDescription: String { engine.rawValue }
}
