import AsyncHTTPClient
import Foundation
import PrematureSplitKit
import ServiceKit
import Shop

/// The three services, running: as child processes or as servers in this process.
final class RunningShop: Sendable {
    /// The clients' view: callers, typed clients, call log, audits.
    let shop: SplitShop
    private let fleet: Fleet<ServiceName>

    private init(shop: SplitShop, fleet: Fleet<ServiceName>) {
        self.shop = shop
        self.fleet = fleet
    }

    /// Starts inventory, orders and payments, each with a new SQLite file in `folder`.
    static func launch(placement: Placement, folder: URL, label: String, scale: Int, timeout: Duration) async throws -> RunningShop {
        let fleet = Fleet<ServiceName>(placement: placement) { name, arguments in
            try Serve.parse([name.rawValue] + arguments).router()
        }
        do {
            for name in ServiceName.allCases {
                let file = folder.appendingPathComponent("\(label)-\(name).sqlite").path
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
                try await fleet.start(name, ["--database", file, "--scale", "\(scale)"])
            }
        } catch {
            await fleet.stopAll()
            throw error
        }
        var urls: [ServiceName: String] = [:]
        for name in ServiceName.allCases { urls[name] = await fleet.url(name) }
        return RunningShop(shop: SplitShop.overHTTP(urls, timeout: timeout), fleet: fleet)
    }

    /// Every span of one trace: this process's, and each service's (GET /spans), once each.
    func spans(inTrace traceID: String) async -> [FinishedSpan] {
        var spans = SpanRecorder.current?.spans(inTrace: traceID) ?? []
        for name in ServiceName.allCases {
            let url = await fleet.url(name)
            let answer = try? await HTTPCaller(baseURL: url, timeout: .seconds(2)).send(HTTPClientRequest(url: "\(url)/spans?trace=\(traceID)"))
            if let answer, let theirs = try? JSON.decode([FinishedSpan].self, from: answer.body) { spans += theirs }
        }
        var seen: Set<String> = []
        return spans.filter { seen.insert($0.spanID).inserted }
    }

    /// The process id of a service, when it runs as a child process.
    func pid(of name: ServiceName) async -> Int32? { await fleet.pid(name) }

    /// Kills a service at once: SIGKILL for a child process; for a server in this process, the
    /// closest thing — it stops listening.
    func kill(_ name: ServiceName) async { await fleet.kill(name) }

    /// Starts a killed service again on the same port and the same database file.
    func restart(_ name: ServiceName) async throws {
        try await fleet.restart(name)
        // The HTTP client's connection pool backs off after refused connections; wait until it
        // reaches the new process.
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? await shop.caller(name).state()) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops every service.
    func stop() async { await fleet.stopAll() }
}
