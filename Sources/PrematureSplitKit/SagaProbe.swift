import ServiceKit
import WorkbookKit

/// Services that answer every call at once with an error body: enough to see whether an
/// orchestrator runs at all, without a database or a network.
public struct InertServices: InventoryAPI, OrdersAPI, PaymentsAPI {
    public init() {}
    public func reserve(_ request: ReserveStock, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Reservation> { .errorBody("probe") }
    public func release(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> { .errorBody("probe") }
    public func record(_ request: RecordOrder, idempotencyKey: String) async throws(ServiceCallError) -> Reply<RecordedOrder> { .errorBody("probe") }
    public func cancel(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> { .errorBody("probe") }
    public func charge(_ request: ChargeCustomer, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Charge> { .errorBody("probe") }
    public func refund(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> { .errorBody("probe") }
}

/// The saga orchestrator's shape, whoever wrote it.
public typealias SagaOrchestrator = @Sendable (SplitOrder, SplitServices, SagaPolicy) async throws -> SagaOutcome

extension Attempt {
    /// Whether an orchestrator is written: it runs once against `InertServices`.
    public static func isAttempted(saga: @escaping SagaOrchestrator) async -> Bool {
        let inert = InertServices()
        return await isAttempted(anyOf: [
            {
                _ = try await saga(
                    SplitOrder(orderID: "probe", customerID: "probe", lines: [LineItem(productID: "probe", quantity: 1)]),
                    SplitServices(inventory: inert, orders: inert, payments: inert),
                    SagaPolicy(attempts: 1, backoff: .zero, clock: ImmediateClock()))
            }
        ])
    }
}
