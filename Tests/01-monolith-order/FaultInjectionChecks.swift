import Database
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// Fault-injection checks: whichever statement the database fails, nothing of the order remains.
@Suite("Exercise 01 · the database fails half-way")
struct FaultInjectionChecks {
    static let requests: [OrderRequest] = [
        OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.headphones, 1), Standard.line(Standard.cable, 2)]),
        OrderRequest(id: "order-2", customer: "grace", lines: [Standard.line(Standard.cable, 2), Standard.line(Standard.monitor, 1)]),
    ]

    @Test(
        "failing the k-th statement, for every k, leaves every table as it was and throws OrderError.database",
        arguments: Grading.implementations, requests)
    func everyStatement(_ implementation: Implementation, _ request: OrderRequest) throws {
        // How many statements this implementation issues for this request when nothing fails.
        let clean = try Fixture()
        let counter = FaultInjectingDatabase(wrapping: clean.database)
        let expected = try implementation.place(request, in: counter)
        #expect(counter.statementCount > 0, "placeOrder ran no statement at all for \(request)")

        for k in stride(from: 1, through: counter.statementCount, by: 1) {
            let shop = try Fixture()
            let faulty = FaultInjectingDatabase(wrapping: shop.database, failingStatement: k)
            let outcome = try implementation.place(request, in: faulty)
            let failed = faulty.trace.filter { $0 != "ROLLBACK" }.dropFirst(k - 1).first ?? "?"
            guard case .refused(.database(let error)) = outcome, error.kind == .injectedFault else {
                Issue.record(
                    """
                    with statement \(k) of \(counter.statementCount) failing (\(failed)), placeOrder should throw \
                    OrderError.database carrying the injected error; it \(outcome)
                    """)
                continue
            }
            let differences = try shop.snapshot().differences(from: shop.before)
            #expect(
                differences.isEmpty,
                "with statement \(k) of \(counter.statementCount) failing (\(failed)), the tables kept part of \(request):\n\(differences.joined(separator: "\n"))"
            )
            #expect(!shop.database.isInTransaction, "with statement \(k) failing, a transaction was left open")

            // The same connection, with the fault gone, must give the clean outcome.
            let retry = try implementation.place(request, in: shop.database)
            #expect(retry == expected, "after statement \(k) failed, retrying \(request) on the same connection")
        }
    }
}
