import ServiceKit
import WorkbookKit

/// Act 1: the provider goes slow; with nothing but a timeout, every checkout waits it out.
func actNoBreaker(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let provider = try await Dependency.start("payment-provider", timeout: stage.timeout)
    defer { Task { await provider.stop() } }

    let healthy = await burst(20, every: .milliseconds(10)) { _ in _ = try await provider.call() }
    narrator.step("Healthy provider, 20 checkouts: p50 \(healthy.latency.p50.readable), p99 \(healthy.latency.p99.readable).")

    provider.set(.slow(milliseconds: 2_000))
    narrator.step(
        "The provider goes slow (2 s per answer). Checkout's timeout is \(stage.timeout.readable). \(stage.requests) checkouts arrive, one every 10 ms…")
    let slow = await burst(stage.requests, every: .milliseconds(10)) { _ in _ = try await provider.call() }
    narrator.table(
        ["checkouts", "failed", "p50", "p99", "most in flight at once", "provider received"],
        [
            [
                "\(stage.requests)", "\(slow.failed)", slow.latency.p50.readable, slow.latency.p99.readable,
                "\(slow.peakInFlight)", "\(provider.received - 20)",
            ]
        ])
    narrator.failed(
        "every checkout waited the full \(stage.timeout.readable) to learn what the first five already showed; \(slow.peakInFlight) were waiting at once — each holding a connection, a task, a customer"
    )
    narrator.notice(
        "with a 30 s timeout (and many HTTP clients have no timeout at all unless given one), the same arrival rate would hold \(Int(30.0 / 0.010)) checkouts at once: the pool empties and the shop goes down with its provider."
    )
}
