import Foundation
import Hummingbird
import HummingbirdCore
import LessonKit
import Logging
import ServiceLifecycle
import WorkbookKit

/// A Hummingbird server running in this process, bound to `host` (127.0.0.1 unless told
/// otherwise). Port 0 lets the system pick a free port; `port` says which one it got.
public final class LoopbackServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The host it is bound to.
    public let host: String
    private let task: Task<Void, Never>

    private init(host: String, port: Int, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.task = task
    }

    /// The base URL clients use.
    public var url: String { "http://\(host):\(port)" }

    /// Starts serving `router` and returns once the socket is listening, or throws
    /// `ServerStartError` (port in use, no such address) without a stack trace.
    public static func start(
        _ router: Router<BasicRequestContext>, host: String = "127.0.0.1", port: Int = 0, name: String = "service"
    ) async throws(ServerStartError) -> LoopbackServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let failure = Locked<String?>(nil)
        var logger = Logger(label: name)
        logger.logLevel = .critical
        let application = Application(
            router: router,
            server: httpServer,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: name),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port) },
            logger: logger)
        let task = Task {
            do { try await application.run() } catch { failure.withLock { $0 = String(describing: error) } }
            continuation.finish()
        }
        for await bound in ports {
            return LoopbackServer(host: host, port: bound, task: task)
        }
        let reason = failure.withLock { $0 } ?? "the server stopped before it listened"
        throw ServerStartError(host: host, port: port, reason: reason)
    }

    /// How every `serve` subcommand runs: serves `router`, prints `ready <port>` once it listens
    /// (what `ChildService` waits for), and shuts down gracefully on SIGINT or SIGTERM through a
    /// swift-service-lifecycle `ServiceGroup`. With `exitWithParent`, it also exits when the
    /// process that started it is gone. Throws `ServerStartError` when it cannot listen.
    public static func serve(
        _ router: Router<BasicRequestContext>, host: String = "127.0.0.1", port: Int, name: String, exitWithParent: Bool
    ) async throws(ServerStartError) {
        if exitWithParent { exitWhenParentExits() }
        var logger = Logger(label: name)
        logger.logLevel = .critical
        let application = Application(
            router: router,
            server: httpServer,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: name),
            onServerRunning: { channel in Terminal.writeLine("ready \(channel.localAddress?.port ?? port)") },
            logger: logger)
        do {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            throw ServerStartError(host: host, port: port, reason: String(describing: error))
        }
    }

    /// HTTP/1.1, with a JSON 400 for a request the parser cannot read (see `MalformedRequestAnswer`).
    static var httpServer: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [MalformedRequestAnswer()]))
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        task.cancel()
        await task.value
    }
}

/// A server that could not start, in words a reader can act on.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var reason: String

    public var description: String {
        if reason.contains("Address already in use") || reason.contains("EADDRINUSE") || reason.contains("errno: 98") {
            return "port \(port) on \(host) is in use: pick another with --port, or stop what is using it"
        }
        return "could not listen on \(host):\(port): \(reason)"
    }
}

/// For a child service: exit when the parent that started it is gone (it was killed, or it
/// crashed), so that no service outlives its lesson.
func exitWhenParentExits() {
    let parent = getppid()
    Thread.detachNewThread {
        while getppid() == parent { usleep(200_000) }
        exit(0)
    }
}
