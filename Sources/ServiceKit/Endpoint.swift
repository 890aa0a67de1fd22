import Foundation
import WorkbookKit

/// A service's business end, independent of transport: the same code answers over HTTP and,
/// in tests, in-process. Every operation is a POST with a JSON body and an optional
/// idempotency key.
public protocol Endpoint: Sendable {
    /// The service's name, for logs and narration.
    var name: String { get }
    /// The paths it answers POST on.
    var operations: [String] { get }
    /// Answers one operation.
    func answer(_ operation: String, idempotencyKey: String?, body: Data) async -> Answer
    /// The service's state as JSON, for audits (GET /state).
    func state() async -> Answer
}

/// What a service does with one request once faults have had their say.
public enum Served: Sendable, Hashable {
    /// An answer goes back.
    case answer(Answer)
    /// No answer in time. `workDone` says whether the work happened anyway (a lost response).
    case noAnswer(workDone: Bool)
    /// The connection is refused before the request goes out; nothing was done.
    case refused
}

/// An endpoint behind a fault injector: the one place faults are applied, for HTTP and
/// in-process callers alike.
public struct ServiceHost: Sendable {
    public let endpoint: any Endpoint
    public let faults: FaultInjector
    private let inFlight = Locked<Set<String>>([])

    public init(_ endpoint: any Endpoint, faults: FaultInjector = FaultInjector()) {
        self.endpoint = endpoint
        self.faults = faults
    }

    /// Serves one operation, injecting the next fault of the plan. A request whose idempotency
    /// key is still being served is refused with 409 (try again later).
    public func serve(_ operation: String, idempotencyKey: String?, body: Data) async -> Served {
        guard endpoint.operations.contains(operation) else {
            return .answer(.error("no operation \(operation) on \(endpoint.name)", status: 404))
        }
        if let key = idempotencyKey {
            guard inFlight.withLock({ $0.insert(key).inserted }) else {
                return .answer(.error("a request with idempotency key \(key) is still in flight", status: 409))
            }
        }
        defer { if let key = idempotencyKey { inFlight.withLock { _ = $0.remove(key) } } }
        switch faults.next() {
        case .none:
            return .answer(await endpoint.answer(operation, idempotencyKey: idempotencyKey, body: body))
        case .slow:
            try? await Task.sleep(for: .milliseconds(faults.plan.latencyMilliseconds))
            return .answer(await endpoint.answer(operation, idempotencyKey: idempotencyKey, body: body))
        case .serverError:
            return .answer(.error("injected fault: internal server error", status: 500))
        case .timeout:
            return .noAnswer(workDone: false)
        case .errorBody:
            return .answer(.error("injected fault: \(endpoint.name) could not complete \(operation)", status: 200))
        case .lostResponse:
            _ = await endpoint.answer(operation, idempotencyKey: idempotencyKey, body: body)
            return .noAnswer(workDone: true)
        case .conflict:
            return .answer(.error("injected fault: a request with this key is still in flight", status: 409))
        case .rateLimited:
            return .answer(.error("injected fault: too many requests", status: 429))
        case .unreachable:
            return .refused
        }
    }
}
