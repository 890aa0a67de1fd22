import Database
import LessonKit
import PrematureSplitKit
import ServiceKit
import Testing
import WorkbookKit

/// The services keep their books on PostgreSQL too (a scratch schema each). Runs when
/// `DATABASE_URL` names a server (CI always sets it).
@Suite("Exercise 02 · the saga with the services on PostgreSQL")
struct PostgresChecks {
    static let location = DatabaseLocation.postgres(in: Terminal.environment(["DATABASE_URL"]))

    @Test(
        "completed, compensated and in-doubt orders leave the same data on PostgreSQL as on SQLite",
        .enabled(if: location != nil, "PostgreSQL checks of exercise 02 skipped: set DATABASE_URL=postgres://… to run them"),
        arguments: await Grading.implementations())
    func sameOnPostgres(_ implementation: Implementation) async throws {
        let location = try #require(Self.location)
        let orders = [
            OrderWithFaults(order: Orders.cables, faults: [.payments: [.lostResponse]]),
            OrderWithFaults(order: Orders.graceHeadphones),
            OrderWithFaults(order: Orders.tooManyKeyboards, faults: [.inventory: [.serverError]]),
        ]
        guard let onSQLite = try await SagaRun.run(orders, on: implementation),
            let onPostgres = try await SagaRun.run(orders, on: implementation, location: location)
        else { return }
        #expect(onPostgres.outcomes == onSQLite.outcomes)
        #expect(onPostgres.callSequence == onSQLite.callSequence)
        let differences = onPostgres.state.snapshot.differences(from: onSQLite.state.snapshot)
        #expect(differences.isEmpty, "PostgreSQL vs SQLite: \(differences.joined(separator: "\n"))")
    }
}
