import EventBusKit
import PropertyBased

/// A generated run of the bus: subscriptions, publishes, duplicates, replays; and for each of
/// three consumers how many times it fails on each event before succeeding.
struct BusScenario: Sendable, CustomStringConvertible {
    enum Step: Sendable, CustomStringConvertible {
        /// Consumer `c<consumer>` subscribes to pings (type 0) or pongs (type 1).
        case subscribe(consumer: Int, type: Int)
        /// A new event, numbered by its position among the publishes.
        case publish(type: Int, number: Int)
        /// The `index`-th published event again, same id.
        case duplicate(index: Int)
        /// Wait until idle, then replay the dead letters.
        case replay
        case idle

        var description: String {
            switch self {
            case let .subscribe(consumer, type): "subscribe c\(consumer) to \(type == 0 ? "pings" : "pongs")"
            case let .publish(type, number): "publish \(BusScenario.id(type: type, number: number))"
            case let .duplicate(index): "publish again the event published #\(index + 1)"
            case .replay: "wait until idle, replay the dead letters"
            case .idle: "wait until idle"
            }
        }
    }

    /// `failures[c][n % count]`: how many attempts of consumer c on event number n fail.
    let failures: [[Int]]
    let steps: [Step]

    static func id(type: Int, number: Int) -> EventID { EventID("\(type == 0 ? "ping" : "pong")-\(number)") }

    func failingAttempts(consumer: Int, event: EventID) -> Int {
        let number = Int(event.rawValue.split(separator: "-").last!)!
        return failures[consumer][number % failures[consumer].count]
    }

    var description: String {
        let attempts = RetryPolicy.fast.maxAttempts
        let plan = failures.enumerated().map { consumer, cycle in
            let parts = cycle.enumerated().map { rest, failing in
                let which = cycle.count == 1 ? "every event" : "events numbered \(rest), \(rest + cycle.count), \(rest + 2 * cycle.count), …"
                let (fails, succeeds) = cycle.count == 1 ? ("fails", "succeeds") : ("fail", "succeed")
                let fate =
                    failing == 0
                    ? "\(succeeds) at once"
                    : failing >= attempts
                        ? "\(fails) all \(attempts) attempts: dead-lettered (\(failing) failing in all, so a replay may pass)"
                        : "\(fails) \(failing), then \(succeeds)"
                return "\(which) \(fate)"
            }
            return "  c\(consumer): " + parts.joined(separator: "; ")
        }
        return "how each consumer's handler behaves (\(attempts) attempts per delivery):\n" + plan.joined(separator: "\n") + "\nsteps:\n"
            + steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    static let generator = zip(
        Gen.int(in: 0...5).array(of: 1...4).array(of: 3),
        zip(Gen.int(in: 0...9), Gen.int(in: 0...20)).array(of: 1...25)
    ).map { failures, codes in
        var steps: [Step] = [.subscribe(consumer: 0, type: 0)]
        var subscribed = 1
        var published = 0
        for (code, argument) in codes {
            switch code {
            case 0...4, 9:
                steps.append(.publish(type: argument % 3 == 2 ? 1 : 0, number: published))
                published += 1
            case 5 where published > 0: steps.append(.duplicate(index: argument % published))
            case 6 where subscribed < 3:
                steps.append(.subscribe(consumer: subscribed, type: argument % 3 == 2 ? 1 : 0))
                subscribed += 1
            case 7: steps.append(.replay)
            default: steps.append(.idle)
            }
        }
        // Never more than 5 failing attempts, so a replay or two can get every event through.
        return BusScenario(failures: failures.map { $0.map { $0 == 5 ? 4 : $0 } }, steps: steps)
    }
}

/// What a run of a scenario leaves: per consumer, what it handled in order, and its dead letters.
struct BusOutcome: Equatable, CustomStringConvertible {
    var handled: [String: [EventID]] = [:]
    var deadLetters: [String: [DeadLetter]] = [:]

    var description: String {
        let consumers = Set(handled.keys).union(deadLetters.keys).sorted()
        guard !consumers.isEmpty else { return "  nothing handled, no dead letter" }
        return consumers.map { consumer in
            "  \(consumer): handled \(handled[consumer] ?? []); dead letters \((deadLetters[consumer] ?? []).map { "\($0.event.id)×\($0.attempts)" })"
        }.joined(separator: "\n")
    }
}
