import CircuitBreakerKit
import GradingKit
import PropertyBased
import Testing
import WorkbookKit

/// Generated runs: random settings, then random requests, outcomes, clock advances and manual
/// switches. The student's admissions, rejections, states and transitions must equal the
/// reference's.
@Suite("Exercise 05 · generated runs", .replaySeed)
struct DifferentialChecks {
    /// The reference's runs of 200 generated scenarios, for the student edition.
    static let recorded = RecordedOutcomes("same-as-reference")

    @Test("generated calls, outcomes and clock advances: the same admissions, rejections and transitions", arguments: Grading.implementations)
    func sameAsReference(_ implementation: Implementation) async throws {
        guard Implementation.referenceShipped else { return try Self.sameAsRecorded(implementation) }
        await propertyCheck(count: 300, input: BreakerScenario.generator) { scenario in
            do {
                let actual = try scenario.run(on: implementation)
                let transitions = actual.transitions
                #expect(
                    zip(transitions, transitions.dropFirst()).allSatisfy { $0.to == $1.from && $0.at <= $1.at }
                        && transitions.first.map { $0.from == .closed } ?? true,
                    "transitions must chain from closed, in time order: \(transitions)\n\(scenario)")
                guard implementation == .student else { return }
                let expected = try scenario.run(on: .reference)
                if let step = expected.log.indices.first(where: { expected.log[$0] != actual.log[$0] }) {
                    Issue.record(
                        """
                        step \(step + 1), \(scenario.steps[step]): expected \(expected.log[step]), your breaker: \(actual.log[step])
                        \(scenario)
                        """)
                }
                #expect(actual.transitions == expected.transitions, "transitions: expected \(expected.transitions), yours \(actual.transitions)\n\(scenario)")
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\n\(scenario)")
            }
        }
    }
}

extension DifferentialChecks {
    /// The student edition's form of the check above: the recorded scenarios, the reference's
    /// recorded steps and transitions.
    static func sameAsRecorded(_ implementation: Implementation) throws {
        let expected = try recorded.outcomes()
        for (scenario, reference) in zip(RecordedOutcomes.inputs(BreakerScenario.generator, count: expected.count), expected) {
            let actual = outcome(of: scenario, on: implementation)
            if let at = reference.indices.first(where: { $0 >= actual.count || actual[$0] != reference[$0] }) {
                let yours = at < actual.count ? actual[at] : "nothing (the run ended)"
                let step = at < scenario.steps.count ? "step \(at + 1), \(scenario.steps[at])" : "the transitions"
                Issue.record("\(step): expected \(reference[at]), your breaker: \(yours)\n\(scenario)")
                return
            }
        }
    }

    /// A run as lines: one per step, then the transitions.
    static func outcome(of scenario: BreakerScenario, on implementation: Implementation) -> [String] {
        do {
            let result = try scenario.run(on: implementation)
            return result.log + ["transitions: \(result.transitions)"]
        } catch {
            return ["threw \(error)"]
        }
    }
}

/// The recorded runs are the reference's today (`RecordedOutcomes`): a check of the workbook,
/// which writes them anew with `WORKBOOK_RECORD` set.
@Suite("Exercise 05 · the reference's recorded runs", NotInTheGrade.trait, .enabled(if: Implementation.referenceShipped))
struct RecordedRuns {
    @Test("the recorded runs are what the reference does today")
    func current() throws {
        let now = RecordedOutcomes.inputs(BreakerScenario.generator, count: 200).map { DifferentialChecks.outcome(of: $0, on: .reference) }
        if RecordedOutcomes.recording { try DifferentialChecks.recorded.write(now) }
        #expect(
            try DifferentialChecks.recorded.outcomes() == now,
            "Tests/05-circuit-breaker/Recorded/same-as-reference.json is stale: WORKBOOK_RECORD=1 swift test --filter RecordedRuns")
    }
}

/// A generated run of one breaker.
struct BreakerScenario: Sendable, CustomStringConvertible {
    enum Step: Sendable, CustomStringConvertible {
        case ask
        /// Records an outcome for the `permit`-th permit handed out so far (modulo how many).
        case record(permit: Int, outcome: Int)
        case advance(Duration)
        case forceOpen, disable, reset

        var description: String {
            switch self {
            case .ask: "ask for a permit"
            case let .record(permit, outcome):
                "record \(BreakerScenario.outcomeNames[outcome]) for a permit handed out earlier (choice \(permit + 1), counted round the permits so far)"
            case let .advance(duration): "advance the clock by \(duration)"
            case .forceOpen: "forceOpen()"
            case .disable: "disable()"
            case .reset: "reset()"
            }
        }
    }

    static let outcomeNames = ["success", "failure", "ignored error", "cancellation"]

    var trip: TripPolicy
    var wait: Duration
    var permitted: Int
    var steps: [Step]

    var description: String {
        "settings: \(trip), wait \(wait), \(permitted) trial(s) in half-open\n"
            + steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    struct Result {
        var log: [String] = []
        var transitions: [BreakerTransition] = []
    }

    func run(on implementation: Implementation) throws -> Result {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(
            BreakerSettings(trip: trip, waitDuration: wait, permittedCallsInHalfOpen: permitted, classify: classifyTestErrors), clock)
        var permits: [Permit] = []
        var result = Result()
        for step in steps {
            switch step {
            case .ask:
                let (admission, permit) = breaker.ask()
                if let permit { permits.append(permit) }
                result.log.append("\(admission), now \(breaker.state)")
            case let .record(index, outcome):
                guard !permits.isEmpty else {
                    result.log.append("no permit yet")
                    continue
                }
                let permit = permits[index % permits.count]
                let outcomes: [CallOutcome] = [.success, .failure(Boom()), .failure(NotFound()), .failure(CancellationError())]
                try breaker.record(outcomes[outcome], permit: permit)
                result.log.append("now \(breaker.state)")
            case let .advance(duration):
                clock.advance(by: duration)
                result.log.append("now \(breaker.state)")
            case .forceOpen:
                try breaker.forceOpen()
                result.log.append("now \(breaker.state)")
            case .disable:
                try breaker.disable()
                result.log.append("now \(breaker.state)")
            case .reset:
                try breaker.reset()
                result.log.append("now \(breaker.state)")
            }
        }
        result.transitions = breaker.transitions
        return result
    }

    static let generator = zip(
        zip(Gen.int(in: 0...1), Gen.int(in: 1...4), Gen.int(in: 1...4), Gen.int(in: 2...6), Gen.int(in: 1...6)),
        Gen.int(in: 1...5), Gen.int(in: 1...3),
        zip(Gen.int(in: 0...9), Gen.int(in: 0...39)).array(of: 1...40)
    ).map { tripCodes, waitTenths, permitted, codes in
        let (kind, threshold, percentCode, window, minimum) = tripCodes
        let trip: TripPolicy =
            kind == 0
            ? .consecutiveFailures(threshold)
            : .failureRate(percent: percentCode * 25, window: window, minimumCalls: min(minimum, window))
        let wait = Duration.milliseconds(10 * waitTenths)
        let steps: [Step] = codes.map { code, argument in
            switch code {
            case 0...3: .ask
            case 4...6: .record(permit: argument, outcome: [0, 1, 1, 1, 2, 3][argument % 6])
            case 7, 8: .advance([wait, wait + .nanoseconds(1), wait / 2, wait * 2, .nanoseconds(1)][argument % 5])
            default: [.forceOpen, .disable, .reset, .ask][argument % 4]
            }
        }
        return BreakerScenario(trip: trip, wait: wait, permitted: permitted, steps: steps)
    }
}
