import ArgumentParser
import Database
import Hummingbird
import LessonKit
import PrematureSplitKit
import ServiceKit
import Shop
import Tracing

extension ServiceName: ExpressibleByArgument {}

/// `premature-split serve inventory|orders|payments`: one service on its own, in this process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one of the three services on its own.",
        discussion: """
            Prints `ready <port>` once it listens, then serves until stopped (Ctrl-C or SIGTERM). \
            Operations are POST /<operation> with a JSON body and an optional Idempotency-Key header; \
            GET /health, GET /state, and GET or PUT /faults (the fault plan, as JSON) are there too.
            """)

    @Argument(help: "Which service: inventory, orders or payments.")
    var service: ServiceName

    @Option(parsing: .unconditional, help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "The address to bind. Anything but 127.0.0.1 exposes the service to the network.")
    var host = "127.0.0.1"

    @Option(help: "The service's database: a SQLite file (kept across restarts), :memory:, or a postgres:// URL (a scratch schema).")
    var database = ":memory:"

    @Option(parsing: .unconditional, help: "Stock and money are the standard shop's times this factor.")
    var scale = 1

    @Flag(help: "Payments only: answer gRPC (shop.payments.Payments in payments.proto, HTTP/2 without TLS) instead of JSON over HTTP/1.1.")
    var grpc = false

    @Option(help: "Payments only: also take the charges that wait in the queue in this SQLite file, as they come.")
    var queue: String?

    @Flag(name: .customLong("exit-with-parent"), help: "Exit when the process that started this one is gone.")
    var exitWithParent = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard (1...1_000_000).contains(scale) else { throw ValidationError("--scale must be between 1 and 1000000, got \(scale)") }
        guard !database.isEmpty else { throw ValidationError("--database needs a file path, :memory: or a postgres:// URL") }
        guard service == .payments || (!grpc && queue == nil) else { throw ValidationError("--grpc and --queue are for payments only") }
        guard queue?.isEmpty != true else { throw ValidationError("--queue needs a SQLite file path") }
    }

    func run() async throws {
        let setup: Setup
        do {
            setup = try self.setup()
        } catch {
            Terminal.printError("premature-split serve \(service): cannot open \(error.location): \(error.underlying)")
            Terminal.printError(error.location.remedy)
            throw ExitCode.failure
        }
        InstrumentationSystem.bootstrap(SpanRecorder(service: service.rawValue))
        let consumer = setup.consumer.map { consume in Task { await consume() } }
        defer { consumer?.cancel() }
        do {
            switch setup.door {
            case .http(let router): try await LoopbackServer.serve(router, host: host, port: port, name: service.rawValue, exitWithParent: exitWithParent)
            case .grpc(let methods): try await GRPCServer.serve(methods, host: host, port: port, exitWithParent: exitWithParent)
            }
        } catch {
            Terminal.printError("premature-split serve \(service): \(error)")
            throw ExitCode.failure
        }
    }

    /// The service's routes, on its database: what a child process serves, and what the lesson
    /// serves inside its own process with --in-process.
    func router() throws -> Router<BasicRequestContext> {
        guard case .http(let router) = try setup().door else { throw ValidationError("--grpc serves no HTTP routes") }
        return router
    }

    /// What `serve` runs: the service's door, and the queue's consumer with --queue.
    struct Setup {
        var door: Door
        var consumer: (@Sendable () async -> Void)?
    }

    /// How callers reach the service.
    enum Door {
        /// JSON over HTTP/1.1 (Hummingbird).
        case http(Router<BasicRequestContext>)
        /// gRPC over HTTP/2, by path.
        case grpc([String: GRPCServer.Method])
    }

    func setup() throws(CannotOpen) -> Setup {
        let location = DatabaseLocation(database)
        let seed = ShopSeed.standard(times: scale)
        guard service == .payments, grpc || queue != nil else {
            let endpoint: any Endpoint
            do { endpoint = try service.endpoint(location: location, seed: seed) } catch { throw CannotOpen(location: location, underlying: error) }
            return Setup(door: .http(ServiceRouter.make(ServiceHost(endpoint), hold: Stage.timeout)), consumer: nil)
        }
        let payments: PaymentsService
        do { payments = try PaymentsService(location: location, seed: seed) } catch { throw CannotOpen(location: location, underlying: error) }
        var consumer: (@Sendable () async -> Void)?
        if let queue {
            let opened: PaymentsQueue
            do { opened = try PaymentsQueue(path: queue) } catch { throw CannotOpen(location: DatabaseLocation(queue), underlying: error) }
            consumer = { await opened.consume(by: payments, poll: PaymentsQueue.poll) }
        }
        return Setup(
            door: grpc ? .grpc(PaymentsGRPC.methods(payments)) : .http(ServiceRouter.make(ServiceHost(payments), hold: Stage.timeout)), consumer: consumer)
    }

    /// A database, or the queue's file, that could not be opened.
    struct CannotOpen: Error {
        var location: DatabaseLocation
        var underlying: any Error
    }
}
