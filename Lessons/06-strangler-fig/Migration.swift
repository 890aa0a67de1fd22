import AsyncHTTPClient
import Foundation
import Hummingbird
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
final class Migration: @unchecked Sendable {
    private let stage: Stage
    // Changed only between acts, by the act that runs.
    private var children: [Server: ChildService] = [:]
    private var servers: [Server: LoopbackServer] = [:]
    private(set) var ports: [Server: Int] = [:]
    private let folder: URL

    private init(stage: Stage) {
        self.stage = stage
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("strangler-fig-\(getpid())")
    }

    /// Starts legacy, the first version of payments (with its rounding bug) and the facade.
    static func start(_ stage: Stage) async throws -> Migration {
        let migration = Migration(stage: stage)
        try FileManager.default.createDirectory(at: migration.folder, withIntermediateDirectories: true)
        try await migration.launch(.legacy, [])
        try await migration.launch(.payments, ["--truncating-fees"])
        try await migration.launch(.facade, ["--legacy", migration.url(.legacy), "--payments", migration.url(.payments), "--seed", "\(stage.seed)"] + (stage.mine ? ["--mine"] : []))
        return migration
    }

    func url(_ server: Server) -> String { "http://127.0.0.1:\(ports[server]!)" }

    /// (Re)starts one server; a restart keeps its port and database file.
    func launch(_ server: Server, _ options: [String]) async throws {
        let port = ports[server] ?? 0
        var arguments = ["serve", server.rawValue, "--port", "\(port)"] + options
        if server != .facade { arguments += ["--database", folder.appendingPathComponent("\(server).sqlite").path] }
        if stage.inProcess {
            servers[server] = try await LoopbackServer.start(router(for: Serve.parse(arguments.dropFirst().map { $0 })), port: port, name: server.rawValue)
            ports[server] = servers[server]!.port
        } else {
            let child = try ChildService.start(name: server.rawValue, executable: ChildService.currentExecutable, arguments: arguments + ["--exit-with-parent"])
            children[server] = child
            ports[server] = child.port
        }
    }

    /// Stops one server.
    func halt(_ server: Server) async {
        children.removeValue(forKey: server)?.stop()
        if let running = servers.removeValue(forKey: server) { await running.stop() }
    }

    /// Stops everything and removes the database files.
    func stop() async {
        for server in Server.allCases { await halt(server) }
        try? FileManager.default.removeItem(at: folder)
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

    private func router(for serve: Serve) throws -> Router<BasicRequestContext> {
        switch serve.server {
        case .legacy, .payments:
            try PaymentsApp(
                role: serve.server == .legacy ? .legacy : .extracted, location: .sqlite(path: serve.database), seed: lessonShop,
                truncatesFees: serve.truncatingFees, servesPayments: !serve.withoutPayments
            ).router()
        case .facade:
            RoutingFacade(legacyURL: serve.legacyURL!, extractedURL: serve.paymentsURL!, plan: MigrationPlan(), route: chosenRouter(mine: serve.mine), seed: serve.seed).router()
        }
    }
}
