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

    @Flag(name: .customLong("exit-with-parent"), help: "Exit when the process that started this one is gone.")
    var exitWithParent = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard (1...1_000_000).contains(scale) else { throw ValidationError("--scale must be between 1 and 1000000, got \(scale)") }
        guard !database.isEmpty else { throw ValidationError("--database needs a file path, :memory: or a postgres:// URL") }
    }

    func run() async throws {
        let routes: Router<BasicRequestContext>
        do {
            routes = try router()
        } catch {
            let location = DatabaseLocation(database)
            Terminal.printError("premature-split serve \(service): cannot open \(location): \(error)")
            Terminal.printError(location.remedy)
            throw ExitCode.failure
        }
        InstrumentationSystem.bootstrap(SpanRecorder(service: service.rawValue))
        do {
            try await LoopbackServer.serve(routes, host: host, port: port, name: service.rawValue, exitWithParent: exitWithParent)
        } catch {
            Terminal.printError("premature-split serve \(service): \(error)")
            throw ExitCode.failure
        }
    }

    /// The service's routes, on its database: what a child process serves, and what the lesson
    /// serves inside its own process with --in-process.
    func router() throws -> Router<BasicRequestContext> {
        try ServiceRouter.make(ServiceHost(service.endpoint(location: DatabaseLocation(database), seed: .standard(times: scale))), hold: Stage.timeout)
    }
}
