import Foundation
import ServiceKit
import WorkbookKit

/// Payments three times over for act 7, each with a database file of its own: behind JSON over
/// HTTP/1.1 (`serve payments`), behind gRPC over HTTP/2 (`--grpc`), and behind a queue in a
/// SQLite file that it consumes (`--queue`). Each runs as a child process, or inside this
/// process with --in-process.
final class PaymentsDoors: Sendable {
    /// How the checkout reaches payments.
    enum Door: String, CaseIterable, Sendable {
        case rest, grpc, queue
    }

    let placement: Placement
    let folder: URL
    /// The queue's SQLite file: the checkout writes to it, the queue door's payments reads it.
    var queueFile: String { folder.appendingPathComponent("act7-payments-queue.sqlite").path }
    private let running = Locked<[Door: Running]>([:])
    private let ports = Locked<[Door: Int]>([:])

    private enum Running {
        case child(ChildService)
        case http(LoopbackServer, consumer: Task<Void, Never>?)
        case grpc(GRPCServer)
    }

    init(placement: Placement, folder: URL) {
        self.placement = placement
        self.folder = folder
    }

    /// The `serve` arguments of one door's payments.
    private func arguments(_ door: Door) -> [String] {
        let file = folder.appendingPathComponent("act7-payments-\(door.rawValue).sqlite").path
        let common = ["payments", "--database", file, "--scale", "\(Stage.scale)"]
        switch door {
        case .rest: return common
        case .grpc: return common + ["--grpc"]
        case .queue: return common + ["--queue", queueFile]
        }
    }

    /// Starts one door's payments: on a free port the first time, on the same port after `kill`.
    func start(_ door: Door) async throws {
        let port = ports.withLock { $0[door] } ?? 0
        let started: (Running, Int)
        switch placement {
        case .processes:
            let child = try await ChildService.start(
                name: "payments (\(door.rawValue))", arguments: ["serve"] + arguments(door) + ["--port", "\(port)", "--exit-with-parent"])
            started = (.child(child), child.port)
        case .inProcess:
            let setup = try Serve.parse(arguments(door)).setup()
            switch setup.door {
            case .http(let router):
                let server = try await LoopbackServer.start(router, port: port, name: "payments")
                started = (.http(server, consumer: setup.consumer.map { consume in Task { await consume() } }), server.port)
            case .grpc(let methods):
                let server = try await GRPCServer.start(methods, port: port)
                started = (.grpc(server), server.port)
            }
        }
        running.withLock { $0[door] = started.0 }
        ports.withLock { $0[door] = started.1 }
    }

    /// The port a door's payments listens (or last listened) on.
    func port(_ door: Door) -> Int { ports.withLock { $0[door] } ?? 0 }

    /// Kills a door's payments at once: SIGKILL for a child; inside this process, its server
    /// stops listening and its consumer stops.
    func kill(_ door: Door) async { await end(door, graceful: false) }

    /// Stops every door's payments: SIGTERM for a child, as at the end of a run.
    func stopAll() async {
        for door in Door.allCases { await end(door, graceful: true) }
    }

    private func end(_ door: Door, graceful: Bool) async {
        switch running.withLock({ $0.removeValue(forKey: door) }) {
        case .child(let child): graceful ? await child.stop() : await child.kill()
        case .http(let server, let consumer):
            consumer?.cancel()
            await server.stop()
        case .grpc(let server): await server.stop()
        case nil: break
        }
    }
}
