import Foundation
import ServiceKit
import WorkbookKit

/// A dependency of the shop — the payment provider, auth, notifications, recommendations — as a
/// real HTTP server on loopback, whose health the lesson switches at run time.
final class Dependency: Sendable {
    let name: String
    private let host: ServiceHost
    /// One server in this process: its fleet stops it and starts it again on the same port.
    private let fleet: Fleet<String>
    /// How the shop calls it.
    let caller: HTTPCaller

    private init(name: String, host: ServiceHost, fleet: Fleet<String>, url: String, timeout: Duration) {
        self.name = name
        self.host = host
        self.fleet = fleet
        caller = HTTPCaller(baseURL: url, timeout: timeout, client: HTTPCaller.roomy)
    }

    /// Starts it, healthy, on a free port; calls time out after `timeout`.
    static func start(_ name: String, timeout: Duration) async throws -> Dependency {
        let host = ServiceHost(Counter(name: name))
        let fleet = Fleet<String>(placement: .inProcess) { _, _ in ServiceRouter.make(host, hold: .seconds(3)) }
        try await fleet.start(name, [])
        return Dependency(name: name, host: host, fleet: fleet, url: await fleet.url(name), timeout: timeout)
    }

    /// Healthy, slow, failing: what every call meets from now on.
    func set(_ plan: FaultPlan) { host.faults.replace(with: plan) }

    /// Down: the server stops listening; connections are refused.
    func goDown() async { await fleet.halt(name) }

    /// Up again on the same port.
    func comeBack() async throws { try await fleet.restart(name) }

    /// Requests that reached it, answered or not.
    var received: Int { host.faults.calls }

    /// Calls it once: POST /call.
    func call() async throws(ServiceCallError) -> Answer {
        let answer = try await caller.post("call", idempotencyKey: nil, body: Data("{}".utf8))
        guard answer.isSuccess else { throw .status(answer.status, answer.errorMessage ?? "") }
        return answer
    }

    /// The customers `lookup` finds.
    static let customers = ["ada", "grace", "linus"]

    /// Looks a customer up: POST /lookup. A customer it does not have is a 404, from a healthy
    /// server: the caller asked for something that is not there.
    func lookup(_ customer: String) async throws(ServiceCallError) -> Answer {
        let answer = try await caller.post("lookup", idempotencyKey: nil, body: JSON.encode(["customer": customer]))
        guard answer.isSuccess else { throw .status(answer.status, answer.errorMessage ?? "") }
        return answer
    }

    func stop() async { await goDown() }
}

/// Answers `POST /call` with `{"service": name, "status": "ok"}` and counts the calls it served.
private struct Counter: Endpoint {
    let name: String
    let operations = ["call", "lookup"]
    private let served = Locked(0)

    init(name: String) { self.name = name }

    var count: Int { served.withLock { $0 } }

    func answer(_ operation: String, idempotencyKey: String?, body: Data) async -> Answer {
        served.withLock { $0 += 1 }
        guard operation == "lookup" else { return .json(["service": name, "status": "ok"]) }
        guard let request = try? JSON.decode([String: String].self, from: body), let customer = request["customer"] else {
            return .error("the body needs {\"customer\": \"…\"}", status: 400)
        }
        return Dependency.customers.contains(customer) ? .json(["customer": customer] as [String: String]) : .error("no customer \(customer)", status: 404)
    }

    func state() async -> Answer { .json(["served": count]) }
}
