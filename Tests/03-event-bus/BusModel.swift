import EventBusKit

/// The bus's contract, run eagerly and sequentially: an independent oracle for the reference.
/// Per consumer, the real bus's outcome is deterministic, so this model must agree with it.
struct BusModel {
    private struct Consumer {
        let type: Int
        var finished: Set<EventID> = []
    }

    private let scenario: BusScenario
    private let retry: RetryPolicy
    private var consumers: [(name: Int, state: Consumer)] = []
    private var calls: [String: Int] = [:]
    private var letters: [(consumer: Int, letter: DeadLetter)] = []
    private(set) var outcome = BusOutcome()

    init(_ scenario: BusScenario, retry: RetryPolicy) {
        self.scenario = scenario
        self.retry = retry
    }

    static func run(_ scenario: BusScenario, retry: RetryPolicy) -> BusOutcome {
        var model = BusModel(scenario, retry: retry)
        var published: [(type: Int, id: EventID)] = []
        for step in scenario.steps {
            switch step {
            case let .subscribe(consumer, type): model.consumers.append((consumer, Consumer(type: type)))
            case let .publish(type, number):
                published.append((type, BusScenario.id(type: type, number: number)))
                model.publish(type: type, id: published.last!.id)
            case let .duplicate(index): model.publish(type: published[index].type, id: published[index].id)
            case .replay:
                let replayed = model.letters
                model.letters.removeAll()
                for (consumer, letter) in replayed { model.deliver(letter.event.id, to: consumer, replay: true) }
            case .idle: break
            }
        }
        for (consumer, letter) in model.letters { model.outcome.deadLetters["c\(consumer)", default: []].append(letter) }
        return model.outcome
    }

    private mutating func publish(type: Int, id: EventID) {
        for (name, state) in consumers where state.type == type { deliver(id, to: name, replay: false) }
    }

    private mutating func deliver(_ id: EventID, to consumer: Int, replay: Bool) {
        let index = consumers.firstIndex { $0.name == consumer }!
        if !replay && consumers[index].state.finished.contains(id) { return }
        let name = "c\(consumer)"
        for attempt in 1...retry.maxAttempts {
            calls["\(name)/\(id)", default: 0] += 1
            let call = calls["\(name)/\(id)"]!
            if call > scenario.failingAttempts(consumer: consumer, event: id) {
                outcome.handled[name, default: []].append(id)
                break
            }
            if attempt == retry.maxAttempts {
                let type = id.rawValue.hasPrefix("ping") ? Ping.typeName : Pong.typeName
                letters.append(
                    (
                        consumer,
                        DeadLetter(
                            consumer: name, event: EventRecord(id: id, type: type, version: 1),
                            error: PlannedFailure(consumer: name, event: id, attempt: call).description, attempts: attempt)
                    ))
            }
        }
        consumers[index].state.finished.insert(id)
    }
}
