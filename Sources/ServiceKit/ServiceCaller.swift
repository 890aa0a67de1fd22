import Foundation

/// How a client reaches a service: over HTTP, or in-process for tests. Either way the caller
/// gets an `Answer` with any HTTP status, or a `ServiceCallError` when no answer came.
public protocol ServiceCaller: Sendable {
    /// POSTs `body` to `operation`, with an `Idempotency-Key` header when `idempotencyKey` is set.
    func post(_ operation: String, idempotencyKey: String?, body: Data) async throws(ServiceCallError) -> Answer
    /// GETs the service's state.
    func state() async throws(ServiceCallError) -> Answer
    /// Replaces the service's fault plan (PUT /faults).
    func setFaults(_ plan: FaultPlan) async throws(ServiceCallError)
    /// The fault plan in force and what it injected so far (GET /faults).
    func faultReport() async throws(ServiceCallError) -> FaultReport
}

extension ServiceCaller {
    /// Calls an operation and reads the answer as a `Reply`: a non-2xx status throws
    /// `ServiceCallError.status`, a 2xx body with an `error` field is `.errorBody`.
    public func call<Value: Decodable & Sendable & Equatable>(
        _ operation: String, idempotencyKey: String?, body: some Encodable, as: Value.Type
    ) async throws(ServiceCallError) -> Reply<Value> {
        let answer = try await post(operation, idempotencyKey: idempotencyKey, body: JSON.encode(body))
        return try answer.reply(as: Value.self)
    }
}

extension Answer {
    /// This answer as a `Reply`, or the error its status means.
    public func reply<Value: Decodable & Sendable & Equatable>(as: Value.Type) throws(ServiceCallError) -> Reply<Value> {
        guard isSuccess else { throw .status(status, errorMessage ?? "") }
        // Most answers carry no error: look for the word before parsing the body a second time.
        if body.range(of: Answer.errorKey) != nil, let errorMessage { return .errorBody(errorMessage) }
        do { return .ok(try JSON.decode(Value.self, from: body)) } catch {
            throw .status(502, "undecodable answer: \(error.reason)")
        }
    }
}

/// Calls a `ServiceHost` in this process: no sockets, the same faults. A call with no answer
/// throws `.noAnswer` at once instead of waiting for a deadline.
public struct LocalCaller: ServiceCaller {
    public let host: ServiceHost

    public init(_ host: ServiceHost) { self.host = host }

    public func post(_ operation: String, idempotencyKey: String?, body: Data) async throws(ServiceCallError) -> Answer {
        switch await host.serve(operation, idempotencyKey: idempotencyKey, body: body) {
        case .answer(let answer): return answer
        case .noAnswer: throw .noAnswer
        case .refused: throw .unreachable("injected fault: connection refused")
        }
    }

    public func state() async throws(ServiceCallError) -> Answer {
        await host.endpoint.state()
    }

    public func setFaults(_ plan: FaultPlan) async throws(ServiceCallError) {
        host.faults.replace(with: plan)
    }

    public func faultReport() async throws(ServiceCallError) -> FaultReport {
        FaultReport(plan: host.faults.plan, injected: host.faults.injected)
    }
}
