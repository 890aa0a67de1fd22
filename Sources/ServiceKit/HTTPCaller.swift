import AsyncHTTPClient
import Foundation
import NIOCore

/// Calls a service over HTTP with AsyncHTTPClient, with a deadline on every call.
public struct HTTPCaller: ServiceCaller {
    /// The service's base URL, e.g. `http://127.0.0.1:8081`.
    public let baseURL: String
    /// How long a call may take before it counts as `noAnswer`.
    public let timeout: Duration
    private let client: HTTPClient

    /// A client that opens up to 256 connections per host instead of AsyncHTTPClient's default 8,
    /// so that a burst of concurrent calls reaches the service instead of queueing in the client.
    /// Process-wide and never shut down, like `HTTPClient.shared`.
    public static let roomy: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// A client that reports a refused connection at once, as a service that is down does,
    /// instead of trying to connect again until the call's deadline (AsyncHTTPClient's default):
    /// with a deadline long enough for a slow call, each call to a stopped service would wait
    /// all of it. Process-wide and never shut down, like `HTTPClient.shared`.
    public static let failingFast: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(baseURL: String, timeout: Duration, client: HTTPClient = .shared) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.client = client
    }

    public func post(_ operation: String, idempotencyKey: String?, body: Data) async throws(ServiceCallError) -> Answer {
        var request = HTTPClientRequest(url: "\(baseURL)/\(operation)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await send(request)
    }

    public func state() async throws(ServiceCallError) -> Answer {
        try await send(HTTPClientRequest(url: "\(baseURL)/state"))
    }

    public func setFaults(_ plan: FaultPlan) async throws(ServiceCallError) {
        var request = HTTPClientRequest(url: "\(baseURL)/faults")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: JSON.encode(plan)))
        let answer = try await send(request)
        guard answer.isSuccess else { throw .status(answer.status, answer.errorMessage ?? "") }
    }

    public func faultReport() async throws(ServiceCallError) -> FaultReport {
        switch try await send(HTTPClientRequest(url: "\(baseURL)/faults")).reply(as: FaultReport.self) {
        case .ok(let report): return report
        case .errorBody(let message): throw .status(500, message)
        }
    }

    /// Sends any request with this caller's deadline.
    public func send(_ request: HTTPClientRequest) async throws(ServiceCallError) -> Answer {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: 1 << 20)
            // A 504 says that no answer came in time: as in doubt as a deadline of our own.
            guard response.status != .gatewayTimeout else { throw ServiceCallError.noAnswer }
            return Answer(status: Int(response.status.code), body: Data(body.readableBytesView))
        } catch {
            if let refusal = Self.connectFailure(error) { throw .unreachable(refusal) }
            throw .noAnswer
        }
    }

    /// Why no connection was made, when that is what happened: then the request never went out.
    /// Anything else — a deadline, a connection closed or reset mid-request — leaves it in doubt.
    private static func connectFailure(_ error: any Error) -> String? {
        if let error = error as? HTTPClientError, error == .connectTimeout { return "connect timed out" }
        return ConnectFailure.reason(error)
    }
}
