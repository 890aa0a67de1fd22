import CircuitBreakerKit
import LessonKit
import ServiceKit
import WorkbookKit

/// Act 3: a failing provider, hit by retries alone, then by retries with backoff behind a breaker.
func actRetries(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
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
        "took: the \(checkouts) checkouts one after another, \(BuildConfiguration.name) build. \(speedVerdict(eager: eagerTime, patient: patientTime))")
    narrator.say(
        "Retries compound across layers: three layers retrying 4 times each turn one click into up to 4 × 4 × 4 = 64 calls at the bottom. Retry at one layer only, with backoff and jitter, and only what is transient and idempotent."
    )
}

/// What the two `took` figures say, computed from them: a difference under a fifth of the
/// slower is within what a busy machine changes between runs, and is called no difference.
func speedVerdict(eager: Duration, patient: Duration) -> String {
    let (fast, slow) = (min(eager, patient), max(eager, patient))
    let why = "Every checkout still fails either way; the gain is the provider's load, not the customers' time."
    guard slow > .zero, (slow - fast) * 5 >= slow else {
        return "The two are within a fifth of each other, too close to call on one run. \(why)"
    }
    let ratio =
        (Double(slow.components.seconds) * 1e18 + Double(slow.components.attoseconds))
        / (Double(fast.components.seconds) * 1e18 + Double(fast.components.attoseconds))
    if patient < eager {
        return
            "The second way took \(ratio.formatted(fractionDigits: 1))× less here: once the breaker opens, a checkout fails at once instead of after 4 calls. \(why)"
    }
    return "The second way took \(ratio.formatted(fractionDigits: 1))× longer here: its first checkouts wait out the backoff before the breaker opens. \(why)"
}
