import Database
import ServiceKit
import Shop

/// The three services of the split shop.
public enum ServiceName: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case inventory, orders, payments
    public var description: String { rawValue }
}

/// The split shop as its clients see it: a caller per service (every call written to `log`),
/// the typed clients the saga uses, and the state of all three databases for audits.
public struct SplitShop: Sendable {
    public let callers: [ServiceName: any ServiceCaller]
    public let log: CallLog

    public init(callers: [ServiceName: any ServiceCaller], log: CallLog = CallLog()) {
        self.log = log
        self.callers = Dictionary(
            uniqueKeysWithValues: callers.map { name, caller in
                (name, RecordingCaller(caller, service: name.rawValue, log: log) as any ServiceCaller)
            })
    }

    /// The three services in this process, each with its own fresh database at `location`
    /// (in-memory SQLite, or a scratch schema each on PostgreSQL) and its own fault injector.
    public static func inProcess(location: DatabaseLocation = .sqlite(path: ":memory:"), seed: ShopSeed) throws -> SplitShop {
        var callers: [ServiceName: any ServiceCaller] = [:]
        for name in ServiceName.allCases {
            callers[name] = LocalCaller(ServiceHost(try name.endpoint(location: location, seed: seed)))
        }
        return SplitShop(callers: callers)
    }

    /// The three services over HTTP at `urls`, each call with `timeout`; a service that is down
    /// refuses at once (`HTTPCaller.failingFast`).
    public static func overHTTP(_ urls: [ServiceName: String], timeout: Duration) -> SplitShop {
        SplitShop(callers: urls.mapValues { HTTPCaller(baseURL: $0, timeout: timeout, client: HTTPCaller.failingFast) })
    }

    /// The clients the saga uses.
    public var services: SplitServices {
        SplitServices(
            inventory: InventoryClient(caller(.inventory)),
            orders: OrdersClient(caller(.orders)),
            payments: PaymentsClient(caller(.payments)))
    }

    /// The caller of one service.
    public func caller(_ name: ServiceName) -> any ServiceCaller {
        guard let caller = callers[name] else { preconditionFailure("the split shop has no \(name) service") }
        return caller
    }

    /// Replaces the fault plan of one service.
    public func setFaults(_ plan: FaultPlan, on name: ServiceName) async throws(ServiceCallError) {
        try await caller(name).setFaults(plan)
    }

    /// Replaces the fault plan of every service.
    public func setFaults(_ plans: [ServiceName: FaultPlan]) async throws(ServiceCallError) {
        for (name, plan) in plans { try await caller(name).setFaults(plan) }
    }

    /// Reads all three databases.
    public func state() async throws(ServiceCallError) -> SplitState {
        SplitState(
            inventory: try await read(.inventory, as: InventoryState.self),
            orders: try await read(.orders, as: OrdersState.self),
            payments: try await read(.payments, as: PaymentsState.self))
    }

    private func read<Value: Decodable & Sendable & Equatable>(_ name: ServiceName, as: Value.Type) async throws(ServiceCallError) -> Value {
        switch try await caller(name).state().reply(as: Value.self) {
        case .ok(let value): return value
        case .errorBody(let message): throw .status(500, message)
        }
    }
}

extension ServiceName {
    /// This service's business end, on its own database at `location`.
    public func endpoint(location: DatabaseLocation, seed: ShopSeed) throws -> any Endpoint {
        switch self {
        case .inventory: try InventoryService(location: location, seed: seed)
        case .orders: try OrdersService(location: location)
        case .payments: try PaymentsService(location: location, seed: seed)
        }
    }
}

extension ShopSeed {
    /// The standard shop with `factor` times the stock and the money, so that many orders fit.
    public static func standard(times factor: Int) -> ShopSeed {
        ShopSeed(
            customers: standard.customers.map { Customer(id: $0.id, name: $0.name, balance: Cents($0.balance.value * factor)) },
            products: standard.products.map { Product(id: $0.id, name: $0.name, price: $0.price, stock: $0.stock * factor) })
    }
}
