import Foundation
import ServiceKit

/// Payments three times over for act 7, each with a database file of its own: behind JSON over
/// HTTP/1.1 (`serve payments`), behind gRPC over HTTP/2 (`--grpc`), and behind a queue in a
/// SQLite file that it consumes (`--queue`). A `Fleet` runs them: as child processes, or inside
/// this process with --in-process.
struct PaymentsDoors: Sendable {
    /// How the checkout reaches payments.
    enum Door: String, CaseIterable, Sendable, CustomStringConvertible {
        case rest, grpc, queue
        var description: String { "payments (\(rawValue))" }
    }

    let folder: URL
    private let fleet: Fleet<Door>

    /// The queue's SQLite file: the checkout writes to it, the queue door's payments reads it.
    var queueFile: String { folder.appendingPathComponent("act7-payments-queue.sqlite").path }

    init(placement: Placement, folder: URL) {
        self.folder = folder
        fleet = Fleet(placement: placement, command: { _ in ["serve", "payments"] }, serve: Self.serveInProcess)
    }

    /// One door's payments inside this process, from the same options a child process gets.
    private static func serveInProcess(_ door: Door, _ options: [String], _ port: Int) async throws -> any InProcessServer {
        let setup = try Serve.parse(["payments"] + options).setup()
        switch setup.door {
        case .grpc(let methods): return try await GRPCServer.start(methods, port: port)
        case .http(let router):
            let server = try await LoopbackServer.start(router, port: port, name: "payments")
            guard let consume = setup.consumer else { return server }
            return Consuming(server: server, consumer: Task { await consume() })
        }
    }

    /// Starts one door's payments: on a free port the first time, on the same port after `kill`.
    func start(_ door: Door) async throws {
        let file = folder.appendingPathComponent("act7-payments-\(door.rawValue).sqlite").path
        let common = ["--database", file, "--scale", "\(Stage.scale)"]
        switch door {
        case .rest: try await fleet.start(door, common)
        case .grpc: try await fleet.start(door, common + ["--grpc"])
        case .queue: try await fleet.start(door, common + ["--queue", queueFile])
        }
    }

    /// The port a door's payments listens (or last listened) on.
    func port(_ door: Door) async -> Int { await fleet.port(door) ?? 0 }

    /// Kills a door's payments at once: SIGKILL for a child; inside this process, its server
    /// stops listening and its consumer stops.
    func kill(_ door: Door) async { await fleet.kill(door) }

    /// Stops every door's payments.
    func stopAll() async { await fleet.stopAll() }

    /// The queue door's payments inside this process: its HTTP server and its queue consumer.
    private struct Consuming: InProcessServer {
        let server: LoopbackServer
        let consumer: Task<Void, Never>
        var port: Int { server.port }

        func stop() async {
            consumer.cancel()
            await consumer.value
            await server.stop()
        }
    }
}
