import WorkbookKit

/// An order as the orchestrator receives it.
public struct SplitOrder: Sendable, Hashable, Codable, CustomStringConvertible {
    public var orderID: String
    public var customerID: String
    public var lines: [LineItem]

    public init(orderID: String, customerID: String, lines: [LineItem]) {
        self.orderID = orderID
        self.customerID = customerID
        self.lines = lines
    }

    public var description: String {
        "\(orderID): \(customerID) buys " + lines.map { "\($0.quantity)× \($0.productID)" }.joined(separator: ", ")
    }
}

/// The saga's steps, in the order they run. The irreversible one — money leaving the
/// customer's account — comes last.
public enum SagaStep: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// inventory.reserve, compensated by inventory.release
    case reserveStock
    /// orders.record, compensated by orders.cancel
    case recordOrder
    /// payments.charge, compensated by payments.refund
    case chargePayment

    public var description: String { rawValue }
}

/// Why a step (or a compensation) failed.
public enum StepFailure: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A non-transient error status (4xx other than 409 and 429): the service said no.
    case refused
    /// A 2xx answer with an error in its body.
    case errorBody
    /// Transient failures on every attempt the policy allows.
    case gaveUp

    public var description: String { rawValue }
}

/// How a saga ended.
public enum SagaOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Every step succeeded.
    case completed
    /// `step` failed for `reason`, and every compensation it needed succeeded.
    case compensated(step: SagaStep, reason: StepFailure)
    /// `step` failed for `reason`, and the compensations of `unfinished` failed too: a human
    /// must look. Never reported as success.
    case needsManualIntervention(step: SagaStep, reason: StepFailure, unfinished: [SagaStep])

    public var description: String {
        switch self {
        case .completed: "completed"
        case .compensated(let step, let reason): "compensated (\(step) \(reason))"
        case .needsManualIntervention(let step, let reason, let unfinished):
            "needs manual intervention (\(step) \(reason); compensation failed for \(unfinished.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}

/// How hard the saga tries: attempts per call (for transient failures only) and the pause
/// before each retry, doubling: `backoff`, 2×`backoff`, 4×`backoff`, … slept on `clock`.
public struct SagaPolicy: Sendable {
    public var attempts: Int
    public var backoff: Duration
    public var clock: any WorkbookClock

    public init(attempts: Int, backoff: Duration, clock: any WorkbookClock) {
        precondition(attempts >= 1, "a call gets at least one attempt")
        self.attempts = attempts
        self.backoff = backoff
        self.clock = clock
    }

    /// The pause after failed attempt `attempt` (1-based), before the next.
    public func pause(after attempt: Int) -> Duration {
        backoff * (1 << min(attempt - 1, 20))
    }
}

/// The three services, as the saga sees them.
public struct SplitServices: Sendable {
    public var inventory: any InventoryAPI
    public var orders: any OrdersAPI
    public var payments: any PaymentsAPI

    public init(inventory: any InventoryAPI, orders: any OrdersAPI, payments: any PaymentsAPI) {
        self.inventory = inventory
        self.orders = orders
        self.payments = payments
    }
}
