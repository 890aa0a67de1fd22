import Database
import PrematureSplitKit
import ServiceKit
import Shop
import Testing
import WorkbookKit

/// One order with the faults each service injects while it runs.
struct OrderWithFaults: Sendable, CustomStringConvertible {
    var order: SplitOrder
    var faults: [ServiceName: [Fault]] = [:]

    var description: String {
        let injected = ServiceName.allCases.compactMap { name in
            faults[name].flatMap { $0.isEmpty ? nil : "\(name) [\($0.map(\.description).joined(separator: ", "))]" }
        }
        return "\(order)" + (injected.isEmpty ? "" : "; faults by call: " + injected.joined(separator: "; "))
    }
}

/// What a run leaves behind: each saga's outcome, the calls made (service, operation, status),
/// the state of the three databases, and how long the sagas slept on the clock.
struct SagaRun: Sendable {
    var outcomes: [SagaOutcome]
    var calls: [Call]
    var state: SplitState
    var slept: Duration

    /// The calls without their keys: what the contract fixes.
    var callSequence: [String] { calls.map(\.description) }

    /// Runs `orders` one after another on a fresh in-process split shop. Fails the check,
    /// instead of hanging, when a saga does not return within 20 s.
    static func run(
        _ orders: [OrderWithFaults], on implementation: Implementation, attempts: Int = 3,
        location: DatabaseLocation = .sqlite(path: ":memory:"), clock: any WorkbookClock = ImmediateClock(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SagaRun? {
        let shop = try SplitShop.inProcess(location: location, seed: .standard)
        let policy = SagaPolicy(attempts: attempts, backoff: .milliseconds(10), clock: clock)
        let saga = implementation.saga
        var outcomes: [SagaOutcome] = []
        for entry in orders {
            for name in ServiceName.allCases {
                try await shop.setFaults(.scripted(entry.faults[name] ?? []), on: name)
            }
            let services = shop.services
            let order = entry.order
            guard let outcome = try await Deadline.run(.seconds(20), { try await saga(order, services, policy) }) else {
                Issue.record("placeOrderSaga did not return within 20 s for \(entry)", sourceLocation: sourceLocation)
                return nil
            }
            outcomes.append(outcome)
        }
        for name in ServiceName.allCases { try await shop.setFaults(.healthy, on: name) }
        return SagaRun(outcomes: outcomes, calls: shop.log.all, state: try await shop.state(), slept: clock.now)
    }
}

/// Orders of the standard shop (stock: 5 headphones, 40 cables, 2 keyboards, 3 monitors;
/// balances: ada 500.00, grace 40.00, linus 1,200.00).
enum Orders {
    /// ada buys two cables: 25.00, well within stock and balance.
    static let cables = SplitOrder(orderID: "o-1", customerID: "ada", lines: [LineItem(productID: "SKU-USB-CABLE-C", quantity: 2)])
    /// linus buys three keyboards: only two in stock.
    static let tooManyKeyboards = SplitOrder(orderID: "o-2", customerID: "linus", lines: [LineItem(productID: "SKU-KEYBOARD-K7", quantity: 3)])
    /// grace buys headphones for 149.99 with 40.00.
    static let graceHeadphones = SplitOrder(orderID: "o-3", customerID: "grace", lines: [LineItem(productID: "SKU-HEADPHONES-XZ3", quantity: 1)])
}

/// A clock whose every pause is cut short: `sleep` throws at once, as `Task.sleep` does in a
/// cancelled task. Counts the pauses asked for; its time never moves.
final class InterruptedClock: WorkbookClock {
    private let asked = Locked(0)

    var now: Duration { .zero }
    var pauses: Int { asked.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        asked.withLock { $0 += 1 }
        throw CancellationError()
    }
}
