import Foundation
import PrematureSplitKit
import ServiceKit
import Shop

/// The three services, running: as child processes or as servers in this process.
final class RunningShop: @unchecked Sendable {
    /// The clients' view: callers, typed clients, call log, audits.
    let shop: SplitShop
    private let placement: Placement
    private let arguments: [ServiceName: [String]]
    private let ports: [ServiceName: Int]
    // Touched only by the act that owns this shop, one call at a time.
    private var children: [ServiceName: ChildService]
    private var servers: [ServiceName: LoopbackServer]

    private init(
        shop: SplitShop, placement: Placement, arguments: [ServiceName: [String]], ports: [ServiceName: Int],
        children: [ServiceName: ChildService], servers: [ServiceName: LoopbackServer]
    ) {
        self.shop = shop
        self.placement = placement
        self.arguments = arguments
        self.ports = ports
        self.children = children
        self.servers = servers
    }

    /// Starts inventory, orders and payments, each with a new SQLite file in `folder`.
    static func launch(placement: Placement, folder: URL, label: String, scale: Int, timeout: Duration) async throws -> RunningShop {
        var arguments: [ServiceName: [String]] = [:]
        var children: [ServiceName: ChildService] = [:]
        var servers: [ServiceName: LoopbackServer] = [:]
        var ports: [ServiceName: Int] = [:]
        for name in ServiceName.allCases {
            let file = folder.appendingPathComponent("\(label)-\(name).sqlite").path
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            arguments[name] = ["serve", name.rawValue, "--database", file, "--scale", "\(scale)", "--exit-with-parent"]
            switch placement {
            case .processes:
                let child = try ChildService.start(name: name.rawValue, executable: ChildService.currentExecutable, arguments: arguments[name]! + ["--port", "0"])
                children[name] = child
                ports[name] = child.port
            case .inProcess:
                let endpoint = try name.endpoint(location: .sqlite(path: file), seed: .standard(times: scale))
                let server = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(endpoint)), name: name.rawValue)
                servers[name] = server
                ports[name] = server.port
            }
        }
        let shop = SplitShop.overHTTP(ports.mapValues { "http://127.0.0.1:\($0)" }, timeout: timeout)
        return RunningShop(shop: shop, placement: placement, arguments: arguments, ports: ports, children: children, servers: servers)
    }

    /// The process id of a service, when it runs as a child process.
    func pid(of name: ServiceName) -> Int32? { children[name]?.pid }

    /// Kills a service at once: SIGKILL for a child process; for a server in this process, the
    /// closest thing — it stops listening.
    func kill(_ name: ServiceName) async {
        if let child = children.removeValue(forKey: name) { child.kill() }
        if let server = servers.removeValue(forKey: name) { await server.stop() }
    }

    /// Starts a killed service again on the same port and the same database file.
    func restart(_ name: ServiceName) async throws {
        let port = ports[name]!
        switch placement {
        case .processes:
            children[name] = try ChildService.start(name: name.rawValue, executable: ChildService.currentExecutable, arguments: arguments[name]! + ["--port", "\(port)"])
        case .inProcess:
            let file = arguments[name]![3]
            let endpoint = try name.endpoint(location: .sqlite(path: file), seed: .standard(times: Stage.scale))
            servers[name] = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(endpoint)), port: port, name: name.rawValue)
        }
        // The HTTP client's connection pool backs off after refused connections; wait until it
        // reaches the new process.
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? await shop.caller(name).state()) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops every service.
    func stop() async {
        for child in children.values { child.stop() }
        for server in servers.values { await server.stop() }
        children = [:]
        servers = [:]
    }
}
