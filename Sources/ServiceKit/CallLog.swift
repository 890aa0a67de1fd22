import Foundation
import WorkbookKit

/// One call a client made: to which service, which operation, with which idempotency key, and
/// how it ended.
public struct Call: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var idempotencyKey: String?
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    /// Whether the connection was refused, so that the request never went out.
    public var refused = false
    /// Whether a 2xx answer carried an error in its body: a failure despite its status.
    public var errorBody = false

    public var description: String {
        let ending = status.map { errorBody ? "\($0) with an error body" : String($0) } ?? (refused ? "refused" : "no answer")
        return "\(service).\(operation) → \(ending)"
    }
}

/// Every call made through the callers that share it, in order.
public final class CallLog: Sendable {
    private let calls = Locked<[Call]>([])

    public init() {}

    /// The calls so far.
    public var all: [Call] { calls.withLock { $0 } }

    /// Forgets the calls so far.
    public func clear() { calls.withLock { $0.removeAll() } }

    func append(_ call: Call) { calls.withLock { $0.append(call) } }
}

/// A caller that writes every call into a `CallLog`.
public struct RecordingCaller: ServiceCaller {
    public let service: String
    public let base: any ServiceCaller
    public let log: CallLog

    public init(_ base: any ServiceCaller, service: String, log: CallLog) {
        self.base = base
        self.service = service
        self.log = log
    }

    public func post(_ operation: String, idempotencyKey: String?, body: Data) async throws(ServiceCallError) -> Answer {
        do {
            let answer = try await base.post(operation, idempotencyKey: idempotencyKey, body: body)
            log.append(
                Call(
                    service: service, operation: operation, idempotencyKey: idempotencyKey, status: answer.status,
                    errorBody: answer.isSuccess && answer.errorMessage != nil))
            return answer
        } catch {
            let refused = if case .unreachable = error { true } else { false }
            log.append(Call(service: service, operation: operation, idempotencyKey: idempotencyKey, status: nil, refused: refused))
            throw error
        }
    }

    public func state() async throws(ServiceCallError) -> Answer { try await base.state() }

    public func setFaults(_ plan: FaultPlan) async throws(ServiceCallError) { try await base.setFaults(plan) }

    public func faultReport() async throws(ServiceCallError) -> FaultReport { try await base.faultReport() }
}
