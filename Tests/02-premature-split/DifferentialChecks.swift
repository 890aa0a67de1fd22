import GradingKit
import PrematureSplitKit
import PropertyBased
import ServiceKit
import Testing
import WorkbookKit

/// Generated runs: a few orders, each meeting a random script of faults in each service. The
/// student's outcomes, calls and final data must equal the reference's, and the invariants any
/// correct saga keeps must hold.
@Suite("Exercise 02 · generated runs", .replaySeed)
struct DifferentialChecks {
    /// The reference's runs of 100 generated scenarios, for the student edition.
    static let recorded = RecordedOutcomes("same-as-reference")
    static let recordedCount = 100

    @Test("generated orders and faults: the same outcomes, calls and data as the reference", arguments: await Grading.implementations())
    func sameAsReference(_ implementation: Implementation) async throws {
        guard Implementation.referenceShipped else { return try await Self.sameAsRecorded(implementation) }
        await propertyCheck(count: 100, input: SagaScenario.generator) { scenario in
            do {
                guard let actual = try await SagaRun.run(scenario.orders, on: implementation, attempts: scenario.attempts) else { return }
                Self.expectInvariants(actual, scenario)
                guard implementation == .student, let expected = try await SagaRun.run(scenario.orders, on: .reference, attempts: scenario.attempts)
                else { return }
                #expect(actual.outcomes == expected.outcomes, "outcomes: expected \(expected.outcomes), yours \(actual.outcomes)\n\(scenario)")
                #expect(
                    actual.callSequence == expected.callSequence,
                    "calls: expected\n  \(expected.callSequence.joined(separator: "\n  "))\nyours\n  \(actual.callSequence.joined(separator: "\n  "))\n\(scenario)"
                )
                #expect(actual.slept == expected.slept, "time slept on the policy's clock: expected \(expected.slept), yours \(actual.slept)\n\(scenario)")
                let differences = actual.state.snapshot.differences(from: expected.state.snapshot)
                #expect(differences.isEmpty, "data: \(differences.joined(separator: "\n"))\n\(scenario)")
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\n\(scenario)")
            }
        }
    }

    /// The student edition's form of the check above: the recorded scenarios, the reference's
    /// recorded outcomes, calls, pauses and data, and the same invariants.
    static func sameAsRecorded(_ implementation: Implementation) async throws {
        let expected = try recorded.outcomes()
        for (scenario, reference) in zip(RecordedOutcomes.inputs(SagaScenario.generator, count: expected.count), expected) {
            guard let run = try await SagaRun.run(scenario.orders, on: implementation, attempts: scenario.attempts) else { return }
            expectInvariants(run, scenario)
            let actual = lines(of: run)
            if let at = reference.indices.first(where: { $0 >= actual.count || actual[$0] != reference[$0] }) {
                Issue.record("expected \(reference[at]), yours \(at < actual.count ? actual[at] : "nothing more")\n\(scenario)")
                return
            }
            if actual.count > reference.count {
                Issue.record("expected nothing more, yours \(actual[reference.count])\n\(scenario)")
                return
            }
        }
    }

    /// A run as lines: the outcomes, each call, the time slept, then the data.
    static func lines(of run: SagaRun) -> [String] {
        let data = run.state.snapshot
        return ["outcomes: \(run.outcomes)"] + run.callSequence.map { "call: \($0)" } + ["time slept on the policy's clock: \(run.slept)"]
            + data.stock.sorted { $0.key < $1.key }.map { "stock of \($0.key): \($0.value)" }
            + data.balances.sorted { $0.key < $1.key }.map { "balance of \($0.key): \($0.value)¢" }
            + data.holds.map { "hold: \($0)" } + data.charges.map { "charge: \($0)" } + data.orders.map { "order: \($0)" }
    }

    /// What holds for every correct saga, whatever the faults: an order that completed stands,
    /// is charged once and holds its stock; an order that was compensated left nothing behind;
    /// and the keys are derived from the orders.
    static func expectInvariants(_ run: SagaRun, _ scenario: SagaScenario) {
        expectKeysDerivedFromOrders(run, "\(scenario)")
        let audit = run.state.audit
        for (entry, outcome) in zip(scenario.orders, run.outcomes) {
            let id = entry.order.orderID
            let problems = audit.rows.filter { $0.orders.contains(id) }.map(\.kind)
            switch outcome {
            case .completed, .compensated:
                #expect(problems.isEmpty, "\(id) ended \(outcome), but the audit found: \(problems.joined(separator: ", "))\n\(scenario)")
                #expect(
                    run.state.standingOrders.contains(id) == (outcome == .completed),
                    "\(id) ended \(outcome); it must stand exactly when completed\n\(scenario)")
            case .needsManualIntervention: break
            }
        }
    }
}

/// The recorded runs are the reference's today (`RecordedOutcomes`): a check of the workbook,
/// which writes them anew with `WORKBOOK_RECORD` set.
@Suite("Exercise 02 · the reference's recorded runs", NotInTheGrade.trait, .enabled(if: Implementation.referenceShipped))
struct RecordedSagas {
    @Test("the recorded runs are what the reference does today")
    func current() async throws {
        var now: [[String]] = []
        for scenario in RecordedOutcomes.inputs(SagaScenario.generator, count: DifferentialChecks.recordedCount) {
            guard let run = try await SagaRun.run(scenario.orders, on: .reference, attempts: scenario.attempts) else { return }
            now.append(DifferentialChecks.lines(of: run))
        }
        if RecordedOutcomes.recording { try DifferentialChecks.recorded.write(now) }
        #expect(
            try DifferentialChecks.recorded.outcomes() == now,
            "Tests/02-premature-split/Recorded/same-as-reference.json is stale: WORKBOOK_RECORD=1 swift test --filter RecordedSagas")
    }
}

/// A generated run: orders from the standard shop, faults scripted per order and service.
struct SagaScenario: Sendable, CustomStringConvertible {
    var attempts: Int
    var orders: [OrderWithFaults]

    var description: String {
        "attempts per call: \(attempts)\n" + orders.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    static let customers = ["ada", "grace", "linus"]
    static let products = ["SKU-HEADPHONES-XZ3", "SKU-USB-CABLE-C", "SKU-KEYBOARD-K7", "SKU-MONITOR-27"]
    /// Mostly no fault, so that runs get past the first step.
    static let faults: [Fault] = [.none, .none, .none, .none, .serverError, .timeout, .errorBody, .lostResponse, .conflict, .rateLimited, .unreachable]

    static let generator = zip(
        Gen.int(in: 1...3),
        zip(
            Gen.int(in: 0...2),
            zip(Gen.int(in: 0...3), Gen.int(in: 1...3)).array(of: 1...2),
            Gen.int(in: 0...(faults.count - 1)).array(of: 0...4).array(of: 3)
        ).array(of: 1...4)
    ).map { attempts, generated in
        SagaScenario(
            attempts: attempts,
            orders: generated.enumerated().map { index, order in
                let (customer, lines, scripts) = order
                return OrderWithFaults(
                    order: SplitOrder(
                        orderID: "o-\(index + 1)", customerID: customers[customer],
                        lines: lines.map { LineItem(productID: products[$0.0], quantity: $0.1) }),
                    faults: Dictionary(uniqueKeysWithValues: zip(ServiceName.allCases, scripts.map { $0.map { faults[$0] } })))
            })
    }
}
