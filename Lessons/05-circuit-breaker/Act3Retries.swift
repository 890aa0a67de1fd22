import CircuitBreakerKit
import ServiceKit
import WorkbookKit

/// Act 3: a failing provider, hit by retries alone, then by retries with backoff behind a breaker.
func actRetries(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let checkouts = 30
    let provider = try await Dependency.start("payment-provider", timeout: stage.timeout)
    defer { Task { await provider.stop() } }
    provider.set(.always(.serverError))
    narrator.step("The provider fails every call (500). \(checkouts) checkouts, one after another, each retrying up to 4 times…")

    let eager = Backoff(attempts: 4, base: .zero, maximum: .zero, seed: stage.seed)
    var start = ContinuousClock.now
    for _ in 0..<checkouts { _ = try? await eager.run(on: SystemClock()) { try await provider.call() } }
    let eagerTime = ContinuousClock.now - start
    let eagerCalls = provider.received

    let patient = Backoff(attempts: 4, base: .milliseconds(20), maximum: .milliseconds(200), seed: stage.seed)
    let breaker = stage.makeBreaker(BreakerSettings(trip: .consecutiveFailures(5), waitDuration: .seconds(30)))
    start = ContinuousClock.now
    let worthRetrying: (any Error) -> Bool = { !($0 is CallNotPermitted) }
    for _ in 0..<checkouts {
        _ = try? await patient.run(on: SystemClock(), shouldRetry: worthRetrying) {
            try await breaker.call { try await provider.call() }
        }
    }
    let patientTime = ContinuousClock.now - start
    let patientCalls = provider.received - eagerCalls
    narrator.table(
        ["", "calls the provider received", "for \(checkouts) checkouts", "took"],
        [
            ["retries alone", "\(eagerCalls)", "\((Double(eagerCalls) / Double(checkouts)).formatted(fractionDigits: 1)) per checkout", eagerTime.readable],
            [
                "backoff with jitter + breaker", "\(patientCalls)", "\((Double(patientCalls) / Double(checkouts)).formatted(fractionDigits: 1)) per checkout",
                patientTime.readable,
            ],
        ])
    narrator.failed("retries alone multiplied the load on a provider that was already failing by \(eagerCalls / checkouts)")
    narrator.ok("behind the breaker, retries stopped at the first CallNotPermitted: the provider got room to recover")
    narrator.say(
        "took: the \(checkouts) checkouts one after another. The second way is not faster for the customers — its first checkouts wait out the backoff before the breaker opens, and every one still fails — its gain is the provider's load."
    )
    narrator.say(
        "Retries compound across layers: three layers retrying 4 times each turn one click into up to 4 × 4 × 4 = 64 calls at the bottom. Retry at one layer only, with backoff and jitter, and only what is transient and idempotent."
    )
}
