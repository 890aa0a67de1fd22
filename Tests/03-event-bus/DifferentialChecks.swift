import EventBusKit
import GradingKit
import PropertyBased
import Testing
import WorkbookKit

/// Differential checks: generated runs of subscriptions, publishes, duplicates, failures and
/// replays. Per consumer, the handled sequence and the dead letters must equal the reference's
/// (and the reference's must equal an eager, sequential model's; in the student edition, which
/// holds the reference out, the student's must equal the model's).
@Suite("Exercise 03 · generated runs", .replaySeed)
struct DifferentialChecks {
    @Test(
        "generated runs give every consumer the same handled sequence and the same dead letters",
        arguments: await Grading.implementations())
    func generatedRuns(_ implementation: Implementation) async throws {
        await propertyCheck(count: 100, input: BusScenario.generator) { scenario in
            do {
                let expected =
                    implementation == .reference || !Implementation.referenceShipped
                    ? BusModel.run(scenario, retry: .fast) : try await Self.run(scenario, on: .reference)
                let actual = try await Self.run(scenario, on: implementation)
                #expect(actual == expected, "expected:\n\(expected)\nyour bus:\n\(actual)\nscenario:\n\(scenario)")
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\n\(scenario)")
            }
        }
    }

    static func run(_ scenario: BusScenario, on implementation: Implementation) async throws -> BusOutcome {
        let bus = implementation.makeBus(retry: .fast)
        let recorder = Recorder()
        var published: [EventID] = []
        for step in scenario.steps {
            switch step {
            case let .subscribe(consumer, type):
                let fails: @Sendable (EventID, Int) -> Bool = { event, attempt in
                    attempt <= scenario.failingAttempts(consumer: consumer, event: event)
                }
                if type == 0 {
                    try await subscribeRecording(bus, "c\(consumer)", to: Ping.self, recorder, fails: fails)
                } else {
                    try await subscribeRecording(bus, "c\(consumer)", to: Pong.self, recorder, fails: fails)
                }
            case let .publish(type, number):
                let id = BusScenario.id(type: type, number: number)
                published.append(id)
                try await publish(id, on: bus)
            case let .duplicate(index): try await publish(published[index], on: bus)
            case .replay:
                try await idle(bus, "before a replay")
                try await bus.replayDeadLetters()
            case .idle: try await idle(bus, "")
            }
        }
        try await idle(bus, "at the end of the run")
        var outcome = BusOutcome()
        outcome.handled = await recorder.handled
        for letter in try await bus.deadLetters() { outcome.deadLetters[letter.consumer, default: []].append(letter) }
        #expect(try await bus.lag().values.allSatisfy { $0 == 0 }, "lag must be zero once idle")
        return outcome
    }

    private static func publish(_ id: EventID, on bus: any EventBus) async throws {
        let number = Int(id.rawValue.split(separator: "-").last!)!
        if id.rawValue.hasPrefix("ping") {
            try await bus.publish(Envelope(id: id, occurredAt: .zero, event: Ping(sequence: number)))
        } else {
            try await bus.publish(Envelope(id: id, occurredAt: .zero, event: Pong(sequence: number)))
        }
    }
}
