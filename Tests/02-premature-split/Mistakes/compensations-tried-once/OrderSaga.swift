// Mistake: tries each compensation once, without the retry rule
import PrematureSplitKit
import ServiceKit

/// Places `order` across the three services as a saga: a local transaction in each service,
/// and a compensation for each one that must be undone when a later step fails.
///
/// The steps, in this order (the irreversible one — charging — last):
/// 1. `reserveStock`: `inventory.reserve` with the order's id and lines. Its answer gives the
///    reservation id and the total, priced by inventory.
/// 2. `recordOrder`: `orders.record` with the order's id, customer, that total and reservation id.
/// 3. `chargePayment`: `payments.charge` the customer that total for the order.
///
/// Every call:
/// - carries an idempotency key derived from the order and the operation, the same on every
///   retry of that call and different for different operations (e.g. "o-17:reserve");
/// - is retried while its error is transient (`ServiceCallError.isTransient`), up to
///   `policy.attempts` attempts in all, sleeping `policy.pause(after: n)` on `policy.clock`
///   after failed attempt n;
/// - fails its step as `.refused` on a non-transient error, as `.errorBody` on a
///   `Reply.errorBody` (never retried: the service answered), as `.gaveUp` when the attempts run out.
///
/// When a step fails, undo in reverse order every step that succeeded — `orders.cancel`,
/// `inventory.release`, `payments.refund`, each by the order's id and with the same retry
/// rule — and never a step that did not run. One exception: a failed step any of whose attempts
/// got no answer (`.noAnswer`) may have happened — its answer may be what was lost — so it is
/// undone too, first.
/// Then answer:
/// - `.compensated(step:reason:)` when every compensation succeeded;
/// - `.needsManualIntervention(step:reason:unfinished:)` listing, in the order tried, the steps
///   whose compensation failed (keep compensating the others after one fails);
/// - `.completed` when all three steps succeeded.
///
/// - Throws: nothing, once written; only the shipped stub throws.
public func placeOrderSaga(_ order: SplitOrder, services: SplitServices, policy: SagaPolicy) async throws -> SagaOutcome {
    enum Result<Value> {
        case done(Value)
        case failed(StepFailure, inDoubt: Bool)
    }

    func attempt<Value>(_ call: () async throws(ServiceCallError) -> Reply<Value>) async -> Result<Value> {
        var attempt = 1
        var noAnswer = false
        while true {
            do {
                switch try await call() {
                case .ok(let value): return .done(value)
                case .errorBody: return .failed(.errorBody, inDoubt: noAnswer)
                }
            } catch {
                noAnswer = noAnswer || error == .noAnswer
                guard error.isTransient else { return .failed(.refused, inDoubt: noAnswer) }
                guard attempt < policy.attempts else { return .failed(.gaveUp, inDoubt: noAnswer) }
                try? await policy.clock.sleep(for: policy.pause(after: attempt))
                attempt += 1
            }
        }
    }

    let reference = OrderReference(orderID: order.orderID)
    func key(_ operation: String) -> String { "\(order.orderID):\(operation)" }

    func once<Value>(_ call: () async throws(ServiceCallError) -> Reply<Value>) async -> Result<Value> {
        do {
            switch try await call() {
            case .ok(let value): return .done(value)
            case .errorBody: return .failed(.errorBody, inDoubt: false)
            }
        } catch {
            return .failed(.refused, inDoubt: error == .noAnswer)
        }
    }

    func compensate(_ step: SagaStep) async -> Bool {
        let result: Result<Undone>
        switch step {
        case .reserveStock:
            result = await once { () async throws(ServiceCallError) in try await services.inventory.release(reference, idempotencyKey: key("release")) }
        case .recordOrder:
            result = await once { () async throws(ServiceCallError) in try await services.orders.cancel(reference, idempotencyKey: key("cancel")) }
        case .chargePayment:
            result = await once { () async throws(ServiceCallError) in try await services.payments.refund(reference, idempotencyKey: key("refund")) }
        }
        if case .done = result { return true }
        return false
    }

    func fail(_ step: SagaStep, _ reason: StepFailure, inDoubt: Bool, completed: [SagaStep]) async -> SagaOutcome {
        let toUndo = (inDoubt ? [step] : []) + completed.reversed()
        var unfinished: [SagaStep] = []
        for undo in toUndo where await !compensate(undo) { unfinished.append(undo) }
        return unfinished.isEmpty
            ? .compensated(step: step, reason: reason)
            : .needsManualIntervention(step: step, reason: reason, unfinished: unfinished)
    }

    let reservation: Reservation
    switch await attempt({ () async throws(ServiceCallError) in
        try await services.inventory.reserve(ReserveStock(orderID: order.orderID, lines: order.lines), idempotencyKey: key("reserve"))
    }) {
    case .done(let value): reservation = value
    case .failed(let reason, let inDoubt): return await fail(.reserveStock, reason, inDoubt: inDoubt, completed: [])
    }

    let record = RecordOrder(
        orderID: order.orderID, customerID: order.customerID, totalCents: reservation.totalCents,
        reservationID: reservation.reservationID)
    if case .failed(let reason, let inDoubt) = await attempt({ () async throws(ServiceCallError) in
        try await services.orders.record(record, idempotencyKey: key("record"))
    }) {
        return await fail(.recordOrder, reason, inDoubt: inDoubt, completed: [.reserveStock])
    }

    let charge = ChargeCustomer(orderID: order.orderID, customerID: order.customerID, amountCents: reservation.totalCents)
    if case .failed(let reason, let inDoubt) = await attempt({ () async throws(ServiceCallError) in
        try await services.payments.charge(charge, idempotencyKey: key("charge"))
    }) {
        return await fail(.chargePayment, reason, inDoubt: inDoubt, completed: [.reserveStock, .recordOrder])
    }
    return .completed
}
