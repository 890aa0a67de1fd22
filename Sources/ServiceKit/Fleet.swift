import Foundation
import Hummingbird

/// Where a fleet's services run.
public enum Placement: Sendable {
    /// Each a child process of this executable: separate memory, separate crashes.
    case processes
    /// Each a server inside this process: the same HTTP on loopback, without child processes.
    case inProcess
}

/// The services a lesson runs, by name: started, killed, started again on the same port, and
/// stopped — as child processes (`<this executable> serve …`) or as servers in this process.
///
/// A service is described by its `serve` options in both placements: a child process runs
/// `<this executable> serve <name> <options> --port P --exit-with-parent`; in this process,
/// the fleet's `serve` starts the same service from the name and the options.
public actor Fleet<Name: Hashable & Sendable & CustomStringConvertible> {
    public let placement: Placement
    private let command: @Sendable (Name) -> [String]
    private let serve: @Sendable (Name, [String], Int) async throws -> any InProcessServer
    private var ports: [Name: Int] = [:]
    private var arguments: [Name: [String]] = [:]
    private var children: [Name: ChildService] = [:]
    private var servers: [Name: any InProcessServer] = [:]

    /// Services whose `serve` options `router` turns into Hummingbird routes in this process.
    public init(placement: Placement, router: @escaping @Sendable (Name, [String]) throws -> Router<BasicRequestContext>) {
        self.init(placement: placement) { name, options, port in
            try await LoopbackServer.start(router(name, options), port: port, name: "\(name)")
        }
    }

    /// Services of any kind: a child process runs `<this executable> <command(name)> <options>
    /// --port P --exit-with-parent` (by default `serve <name>`); in this process, `serve` starts
    /// the same service from the options on port P (0 for a free one).
    public init(
        placement: Placement, command: @escaping @Sendable (Name) -> [String] = { ["serve", "\($0)"] },
        serve: @escaping @Sendable (Name, [String], Int) async throws -> any InProcessServer
    ) {
        self.placement = placement
        self.command = command
        self.serve = serve
    }

    /// Starts `name` with its `serve` options (without `serve`, the name, `--port` or
    /// `--exit-with-parent`). The first start takes a free port; a later one — after
    /// `kill` or `halt` — takes the same port again.
    @discardableResult
    public func start(_ name: Name, _ serve: [String]) async throws -> Int {
        let port = ports[name] ?? 0
        switch placement {
        case .processes:
            let child = try await ChildService.start(
                name: "\(name)", arguments: command(name) + serve + ["--port", "\(port)", "--exit-with-parent"])
            children[name] = child
            ports[name] = child.port
        case .inProcess:
            let server = try await self.serve(name, serve, port)
            servers[name] = server
            ports[name] = server.port
        }
        arguments[name] = serve
        return ports[name]!
    }

    /// Starts `name` again with the arguments it last started with, on the same port.
    @discardableResult
    public func restart(_ name: Name) async throws -> Int {
        try await start(name, arguments[name] ?? [])
    }

    /// Kills `name` at once: SIGKILL for a child process; for a server in this process, the
    /// closest thing — it stops listening.
    public func kill(_ name: Name) async {
        await children.removeValue(forKey: name)?.kill()
        await servers.removeValue(forKey: name)?.stop()
    }

    /// Stops `name` gracefully: SIGTERM (SIGKILL a second later) or a server shutdown.
    public func halt(_ name: Name) async {
        await children.removeValue(forKey: name)?.stop()
        await servers.removeValue(forKey: name)?.stop()
    }

    /// Stops every service that runs, all at once.
    public func stopAll() async {
        let stopping = Array(children.values)
        let serving = Array(servers.values)
        children = [:]
        servers = [:]
        await withTaskGroup(of: Void.self) { group in
            for child in stopping { group.addTask { await child.stop() } }
            for server in serving { group.addTask { await server.stop() } }
        }
    }

    /// The port `name` listens (or last listened) on.
    public func port(_ name: Name) -> Int? { ports[name] }

    /// `name`'s base URL.
    public func url(_ name: Name) -> String { "http://127.0.0.1:\(ports[name] ?? 0)" }

    /// `name`'s process id, when it runs as a child process.
    public func pid(_ name: Name) -> Int32? { children[name]?.pid }
}

/// A server a fleet runs inside this process: Hummingbird's (`LoopbackServer`), gRPC's
/// (`GRPCServer`), or a lesson's own with work beside it.
public protocol InProcessServer: Sendable {
    /// The port it listens on.
    var port: Int { get }
    /// Stops it and waits until it has.
    func stop() async
}

extension LoopbackServer: InProcessServer {}
extension GRPCServer: InProcessServer {}
