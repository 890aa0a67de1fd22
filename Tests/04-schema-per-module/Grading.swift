import Database
import LessonKit
import SchemaPerModuleExercise
import SchemaPerModuleKit
import Testing
import WorkbookKit

#if canImport(SchemaPerModuleSolution)
    import SchemaPerModuleSolution
#endif

/// How exercise 04 is graded: every check runs against the reference billing module, and against
/// the student's once one of its functions stops throwing `NotAttempted`; on SQLite always, and
/// on PostgreSQL too when `DATABASE_URL` names a server.
enum Grading {
    static let file = "Exercises/04-schema-per-module/Billing.swift"

    static let studentAttempted = Implementation.student.billing.isAttempted

    static let implementations = Implementation.graded(studentAttempted: studentAttempted)

    static let locations = DatabaseLocation.forTests(environment: Terminal.environment(["DATABASE_URL"]))
}

@Test(
    "Exercise 04 · your billing module is attempted, and every check below runs against it too",
    .enabled(
        if: Attempt.noting(Grading.studentAttempted, exercise: "04", file: Grading.file),
        Comment(rawValue: Attempt.notAttemptedMessage(exercise: "04", file: Grading.file))))
func exercise04Attempted() {}

@Test(
    "Exercise 04 · your billing module runs on PostgreSQL too",
    .enabled(if: Grading.studentAttempted, "runs once your billing module is attempted"),
    .enabled(
        if: Grading.locations.contains { $0.engine == .postgres },
        "PostgreSQL is not set, so this grade runs SQLite only: SQL that SQLite alone accepts (INSERT OR IGNORE, a BIGINT compared with text) is not graded here. Set DATABASE_URL=postgres://… to grade it; the course's grade runs both."
    ))
func exercise04OnPostgres() {}

extension Implementation {
    var billing: BillingFunctions {
        switch self {
        case .reference:
            #if canImport(SchemaPerModuleSolution)
                BillingFunctions(
                    migrate: SchemaPerModuleSolution.migrateBilling, handle: SchemaPerModuleSolution.handleUserRegistered,
                    record: SchemaPerModuleSolution.recordCharge, summary: SchemaPerModuleSolution.invoiceSummary)
            #else
                Implementation.heldOut()
            #endif
        case .student:
            BillingFunctions(
                migrate: SchemaPerModuleExercise.migrateBilling, handle: SchemaPerModuleExercise.handleUserRegistered,
                record: SchemaPerModuleExercise.recordCharge, summary: SchemaPerModuleExercise.invoiceSummary)
        }
    }
}

extension DatabaseLocation: CustomTestStringConvertible {
    public var testDescription: String { engine.rawValue }
}
