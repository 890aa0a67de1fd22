import PrematureSplitKit
import ServiceKit
import WorkbookKit

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
///   between failed attempt n and attempt n + 1 — never after the last attempt, and never after
///   an error that is not retried. A pause cut short (`sleep` throws, as it does when the task is
///   cancelled) ends only the pause: the next attempt follows, and the saga goes on to its answer;
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
    // TODO: 1. Write a helper that makes one call with retries: the same idempotency key on every
    //          attempt, retry only while the error is transient, at most policy.attempts attempts,
    //          sleeping policy.pause(after: n) on policy.clock between them.
    // TODO: 2. Treat Reply.errorBody as a failure of the step (.errorBody), never as success.
    // TODO: 3. Run reserveStock, recordOrder, chargePayment in that order, passing the reservation's
    //          total and id along.
    // TODO: 4. When a step fails, undo the steps that succeeded in reverse order (plus the failed
    //          step when any of its attempts got .noAnswer), each with the same retry rule.
    // TODO: 5. Answer .compensated, or .needsManualIntervention listing every compensation that
    //          failed — never .completed unless all three steps succeeded.
    throw NotAttempted(function: "placeOrderSaga(_:services:policy:)", file: "Exercises/02-premature-split/OrderSaga.swift")
}
