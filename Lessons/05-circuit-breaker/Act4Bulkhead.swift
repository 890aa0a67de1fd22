import CircuitBreakerKit
import ServiceKit
import WorkbookKit

/// Act 4: notifications go slow; with one shared limit, auth starves; with a limit each, it does not.
func actBulkhead(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let notifications = try await Dependency.start("notifications", timeout: .seconds(2))
    let auth = try await Dependency.start("auth", timeout: .milliseconds(250))
    defer {
        Task {
            await notifications.stop()
            await auth.stop()
        }
    }
    notifications.set(.slow(milliseconds: 1_000))
    narrator.step("Notifications answer in 1 s; auth is healthy. 30 notifications, then 30 sign-ins, arrive within 0.3 s…")

    func run(_ notificationLimit: Bulkhead, _ authLimit: Bulkhead) async -> Burst {
        async let background = burst(30, every: .milliseconds(2)) { _ in _ = try await notificationLimit.run { try await notifications.call() } }
        try? await Task.sleep(for: .milliseconds(100))
        let signIns = await burst(30, every: .milliseconds(5)) { _ in _ = try await authLimit.run { try await auth.call() } }
        _ = await background
        return signIns
    }
    let shared = Bulkhead(name: "shared", limit: 10)
    let together = await run(shared, shared)
    let separate = await run(Bulkhead(name: "notifications", limit: 10), Bulkhead(name: "auth", limit: 10))
    narrator.table(
        ["limits", "sign-ins that worked", "refused", "sign-in p50", "sign-in p99"],
        [
            ["one pool of 10 for both", "\(together.succeeded) of 30", "\(together.failed)", together.latency.p50.readable, together.latency.p99.readable],
            [
                "10 for notifications, 10 for auth", "\(separate.succeeded) of 30", "\(separate.failed)", separate.latency.p50.readable,
                separate.latency.p99.readable,
            ],
        ])
    narrator.say(
        "Read the p50 with the first two columns: the shared pool's microseconds are refusals, every sign-in turned away at once; the separate pools' milliseconds are sign-ins actually served."
    )
    narrator.ok("a bulkhead per dependency: the slow, non-critical one can fill only its own compartment")
    narrator.say(
        "The same holds for connection pools, thread pools and timeouts: critical calls get their own, with a short timeout; non-critical ones get a small pool and may queue or drop."
    )
}
