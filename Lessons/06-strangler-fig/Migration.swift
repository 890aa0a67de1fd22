import AsyncHTTPClient
import Foundation
import Hummingbird
import LessonKit
import NIOCore
import ServiceKit
import Shop
import StranglerFigKit
import WorkbookKit

/// The shop the lesson runs: the standard catalog, and customers rich enough for every charge.
let lessonShop = ShopSeed(
    customers: ShopSeed.standard.customers.map { Customer(id: $0.id, name: $0.name, balance: Cents(100_000_000)) },
    products: ShopSeed.standard.products)

/// The three servers, running, and the lesson's way to talk to them.
final class Migration: Sendable {
    private let stage: Stage
    private let fleet: Fleet<Server>
    /// Each server's port: kept across restarts.
    private let ports = Locked<[Server: Int]>([:])
    /// Where the servers keep their database files; removed by `stop`.
    let folder: URL

    /// Nothing runs yet: `launchAll` starts the servers, `stop` stops them.
    init(stage: Stage) throws {
        self.stage = stage
        fleet = Fleet(placement: stage.inProcess ? .inProcess : .processes) { server, arguments in
            try Serve.parse([server.rawValue] + arguments).router()
        }
        folder = try ScratchFolder.make("strangler-fig")
    }

    /// Starts legacy, the first version of payments (with its rounding bug) and the facade.
    func launchAll() async throws {
        try await launch(.legacy, [])
        try await launch(.payments, ["--truncating-fees"])
        try await launch(
            .facade, ["--legacy", url(.legacy), "--payments", url(.payments), "--seed", "\(stage.seed)"] + (stage.implementation == .student ? ["--mine"] : []))
    }

    func url(_ server: Server) -> String { "http://127.0.0.1:\(ports.withLock { $0[server] ?? 0 })" }

    /// (Re)starts one server with `options`; a restart keeps its port and database file.
    func launch(_ server: Server, _ options: [String]) async throws {
        var arguments = options
        if server != .facade { arguments += ["--database", folder.appendingPathComponent("\(server).sqlite").path] }
        let port = try await fleet.start(server, arguments)
        ports.withLock { $0[server] = port }
    }

    /// Stops one server.
    func halt(_ server: Server) async { await fleet.halt(server) }

    /// Stops everything and removes the database files: after the last act, and after Ctrl-C.
    func stop() async {
        await fleet.stopAll()
        await ScratchFolder.remove(folder)
    }

    /// Replaces the facade's migration plan.
    func apply(_ plan: MigrationPlan) async throws {
        var request = HTTPClientRequest(url: url(.facade) + "/_facade/plan")
        request.method = .PUT
        request.body = .bytes(ByteBuffer(bytes: JSON.encode(plan)))
        let answer = try await caller.send(request)
        guard answer.isSuccess else { throw ServiceCallError.status(answer.status, answer.errorMessage ?? "") }
    }

    /// The facade's counters; `reset` starts them again.
    func stats() async throws -> FacadeStats {
        let answer = try await caller.send(HTTPClientRequest(url: url(.facade) + "/_facade/stats"))
        return try JSON.decode(FacadeStats.self, from: answer.body)
    }

    func resetStats() async throws {
        var request = HTTPClientRequest(url: url(.facade) + "/_facade/reset")
        request.method = .POST
        _ = try await caller.send(request)
    }

    /// Sends one request to `server` as a tenant; answers the status, the body and the time taken.
    func send(_ method: String, _ path: String, to server: Server, tenant: String, body: Data? = nil) async throws -> (Answer, Duration) {
        var request = HTTPClientRequest(url: url(server) + path)
        request.method = .RAW(value: method)
        request.headers.add(name: "X-Tenant", value: tenant)
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let start = ContinuousClock.now
        let answer = try await caller.send(request)
        return (answer, ContinuousClock.now - start)
    }

    private let caller = HTTPCaller(baseURL: "", timeout: .seconds(5), client: HTTPCaller.roomy)
}
