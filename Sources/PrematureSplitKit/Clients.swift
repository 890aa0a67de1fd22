import ServiceKit

/// What the saga may ask of inventory.
public protocol InventoryAPI: Sendable {
    /// Holds stock for an order and prices it. Compensated by `release`.
    func reserve(_ request: ReserveStock, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Reservation>
    /// Puts back whatever an order holds; harmless when it holds nothing.
    func release(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone>
}

/// What the saga may ask of orders.
public protocol OrdersAPI: Sendable {
    /// Records the order. Compensated by `cancel`.
    func record(_ request: RecordOrder, idempotencyKey: String) async throws(ServiceCallError) -> Reply<RecordedOrder>
    /// Cancels the order; harmless when it was never recorded.
    func cancel(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone>
}

/// What the saga may ask of payments.
public protocol PaymentsAPI: Sendable {
    /// Charges the customer: money leaves their account. Compensated by `refund`.
    func charge(_ request: ChargeCustomer, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Charge>
    /// Refunds every charge of the order; harmless when there is none.
    func refund(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone>
}

/// The inventory client over any transport.
public struct InventoryClient: InventoryAPI {
    public let caller: any ServiceCaller
    public init(_ caller: any ServiceCaller) { self.caller = caller }

    public func reserve(_ request: ReserveStock, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Reservation> {
        try await caller.call("reserve", idempotencyKey: idempotencyKey, body: request, as: Reservation.self)
    }

    public func release(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> {
        try await caller.call("release", idempotencyKey: idempotencyKey, body: order, as: Undone.self)
    }
}

/// The orders client over any transport.
public struct OrdersClient: OrdersAPI {
    public let caller: any ServiceCaller
    public init(_ caller: any ServiceCaller) { self.caller = caller }

    public func record(_ request: RecordOrder, idempotencyKey: String) async throws(ServiceCallError) -> Reply<RecordedOrder> {
        try await caller.call("record", idempotencyKey: idempotencyKey, body: request, as: RecordedOrder.self)
    }

    public func cancel(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> {
        try await caller.call("cancel", idempotencyKey: idempotencyKey, body: order, as: Undone.self)
    }
}

/// The payments client over any transport.
public struct PaymentsClient: PaymentsAPI {
    public let caller: any ServiceCaller
    public init(_ caller: any ServiceCaller) { self.caller = caller }

    public func charge(_ request: ChargeCustomer, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Charge> {
        try await caller.call("charge", idempotencyKey: idempotencyKey, body: request, as: Charge.self)
    }

    public func refund(_ order: OrderReference, idempotencyKey: String) async throws(ServiceCallError) -> Reply<Undone> {
        try await caller.call("refund", idempotencyKey: idempotencyKey, body: order, as: Undone.self)
    }
}

extension PaymentsClient {
    /// Payments alone over HTTP at `url`, as `SplitShop.overHTTP` reaches it: each call with
    /// `timeout`, a refused connection reported at once (`HTTPCaller.failingFast`).
    public static func overHTTP(_ url: String, timeout: Duration) -> PaymentsClient {
        PaymentsClient(HTTPCaller(baseURL: url, timeout: timeout, client: HTTPCaller.failingFast))
    }
}
