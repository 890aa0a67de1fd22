import Database
import GradingKit
import MonolithOrderKit
import PropertyBased
import Shop
import Testing
import WorkbookKit

/// Differential checks: generated shops and order sequences; the student's outcomes and final
/// tables must equal the reference's, and the reference's must equal an independent model's.
@Suite("Exercise 01 · generated order sequences", .replaySeed)
struct DifferentialChecks {
    @Test("generated order sequences give the same outcomes and the same tables", arguments: Grading.implementations)
    func generatedSequences(_ implementation: Implementation) async throws {
        await propertyCheck(count: 150, input: Scenario.generator) { scenario in
            do {
                let (expected, expectedTables) = try Self.expected(for: implementation, scenario)
                let database = try SQLiteDatabase()
                try scenario.seed.install(on: database)
                for (index, request) in scenario.requests.enumerated() {
                    let outcome = try implementation.place(request, in: database)
                    if outcome != expected[index] {
                        Issue.record("request #\(index + 1): expected \(expected[index]); your code \(outcome)\n\(scenario)")
                        return
                    }
                }
                let differences = try ShopSnapshot(of: database).differences(from: expectedTables)
                #expect(differences.isEmpty, "the final tables differ:\n\(differences.joined(separator: "\n"))\n\(scenario)")
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\n\(scenario)")
            }
        }
    }

    /// The reference is checked against the model; the student against the reference, or against
    /// the model in the student edition, which holds the reference out.
    private static func expected(for implementation: Implementation, _ scenario: Scenario) throws -> ([Outcome], ShopSnapshot) {
        if implementation == .reference || !Implementation.referenceShipped {
            var model = ShopModel(scenario.seed)
            return (scenario.requests.map { model.place($0) }, model.snapshot)
        }
        let database = try SQLiteDatabase()
        try scenario.seed.install(on: database)
        let outcomes = try scenario.requests.map { try Implementation.reference.place($0, in: database) }
        return (outcomes, try ShopSnapshot(of: database))
    }
}
