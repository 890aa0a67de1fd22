import ArgumentParser
import Database
import Foundation
import Hummingbird
import LessonKit
import ServiceKit
import StranglerFigKit
import WorkbookKit

/// The three servers of the lesson.
enum Server: String, ExpressibleByArgument, CaseIterable, Sendable, CustomStringConvertible {
    case legacy, payments, facade

    var description: String { rawValue }
}

/// `strangler-fig serve legacy|payments|facade`: one server on its own.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the legacy shop, the extracted payments service or the routing facade on its own.",
        discussion: "Prints `ready <port>` once it listens, then serves until stopped (Ctrl-C or SIGTERM).")

    @Argument(help: "Which server: legacy, payments or facade.")
    var server: Server

    @Option(parsing: .unconditional, help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "The server's database (legacy and payments): a SQLite file, :memory:, or a postgres:// URL.")
    var database = ":memory:"

    @Flag(name: .customLong("truncating-fees"), help: "payments: plant the first version's rounding bug.")
    var truncatingFees = false

    @Flag(name: .customLong("without-payments"), help: "legacy: the payments routes are retired.")
    var withoutPayments = false

    @Option(name: .customLong("legacy"), help: "facade: the legacy shop's base URL.")
    var legacyURL: String?

    @Option(name: .customLong("payments"), help: "facade: the payments service's base URL.")
    var paymentsURL: String?

    @Flag(help: "facade: route with your own Exercises/06-strangler-fig.")
    var mine = false

    @Option(parsing: .unconditional, help: "facade: seed for the shadow's call order.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("exit-with-parent"), help: "Exit when the process that started this one is gone.")
    var exitWithParent = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard !database.isEmpty else { throw ValidationError("--database needs a file path, :memory: or a postgres:// URL") }
        if server == .facade, legacyURL == nil || paymentsURL == nil {
            throw ValidationError("the facade needs --legacy URL and --payments URL")
        }
        for (flag, url) in [("--legacy", legacyURL), ("--payments", paymentsURL)] {
            guard let url else { continue }
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host?.isEmpty == false else {
                throw ValidationError("\(flag) needs an http:// URL such as http://127.0.0.1:8080, got \"\(url)\"")
            }
            if let port = parsed.port, !(1...65_535).contains(port) {
                throw ValidationError("\(flag): port \(port) is not a TCP port (1…65535), in \"\(url)\"")
            }
        }
    }

    func run() async throws {
        let routes: Router<BasicRequestContext>
        do {
            routes = try router()
        } catch {
            Terminal.printError("strangler-fig serve \(server): \(error)")
            throw ExitCode.failure
        }
        do {
            try await LoopbackServer.serve(routes, port: port, name: server.rawValue, exitWithParent: exitWithParent)
        } catch {
            Terminal.printError("strangler-fig serve \(server): \(error)")
            throw ExitCode.failure
        }
    }

    /// The server's routes: what a child process serves, and what the lesson serves inside its
    /// own process with --in-process.
    func router() throws -> Router<BasicRequestContext> {
        switch server {
        case .legacy, .payments:
            try PaymentsApp(
                role: server == .legacy ? .legacy : .extracted, location: DatabaseLocation(database), seed: lessonShop,
                truncatesFees: truncatingFees, servesPayments: !withoutPayments
            ).router()
        case .facade:
            RoutingFacade(
                legacyURL: legacyURL!, extractedURL: paymentsURL!, plan: MigrationPlan(), route: chosenRouter(Implementation.lesson(mine: mine)), seed: seed
            ).router()
        }
    }
}
