import CircuitBreakerKit
import LessonKit
import ServiceKit
import WorkbookKit

/// Act 2: the same slow provider behind a breaker, with a fallback; then it recovers.
func actBreaker(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let provider = try await Dependency.start("payment-provider", timeout: stage.timeout)
    defer { Task { await provider.stop() } }
    let settings = BreakerSettings(trip: .consecutiveFailures(5), waitDuration: .seconds(1), permittedCallsInHalfOpen: 1)
    let breaker = stage.makeBreaker(settings)
    let pending = Locked<[Int]>([])
    let rejections = Locked(LatencyRecorder())

    @Sendable func checkout(_ number: Int) async throws {
        let start = ContinuousClock.now
        do {
            _ = try await breaker.call { try await provider.call() }
        } catch is CallNotPermitted {
            rejections.withLock { $0.record(ContinuousClock.now - start) }
            pending.withLock { $0.append(number) }  // the fallback: "payment pending, we will retry"
        }
    }

    provider.set(.slow(milliseconds: 2_000))
    narrator.step(
        "Provider slow again; breaker: \(settings.trip), open for \(settings.waitDuration.readable), one trial. \(stage.requests) checkouts, one every 10 ms…")
    let slow = await burst(stage.requests, every: .milliseconds(10)) { try await checkout($0) }
    let rejected = rejections.withLock { $0 }
    narrator.table(
        ["checkouts", "answered \"pending\" at once", "their p50", "their p99", "timed out", "most in flight", "provider received"],
        [
            [
                "\(stage.requests)", "\(rejected.count)", rejected.p50.readable, rejected.p99.readable,
                "\(slow.failed)", "\(slow.peakInFlight)", "\(provider.received)",
            ]
        ])
    narrator.ok(
        "after 5 timeouts the breaker opened: the rest failed fast in \(rejected.p50.readable) instead of \(stage.timeout.readable) — \((stage.timeout / rejected.p50).formatted(fractionDigits: 0))× sooner — and each was queued as \"payment pending, we will retry\""
    )
    let floor = lockAndClockFloor()
    narrator.say(
        "A rejection's floor, measured just now: one lock round trip and one clock read, \(floor.readable). The rejections above took \((rejected.p50 / floor).formatted(fractionDigits: 0))× that at p50: the rest is the async call around the breaker, throwing CallNotPermitted and timing it, and is still nothing beside a timeout."
    )
    narrator.say(
        "The \(slow.failed) that timed out were the first five and those already in flight when it opened: a breaker stops new calls, it cannot recall the ones made."
    )

    provider.set(.healthy)
    narrator.step("The provider recovers. Waiting out the breaker's \(settings.waitDuration.readable)…")
    try await Task.sleep(for: settings.waitDuration + .milliseconds(50))
    let queued = pending.withLock { $0 }
    let before = breaker.transitions.count
    var paid = 0
    for _ in queued where (try? await breaker.call({ try await provider.call() })) != nil { paid += 1 }
    // The story told is the one the timeline shows, not the one expected: on a busy machine the
    // trial can fail (measured: the timeline said half-open → open beside a sentence saying it closed).
    let retried = Array(breaker.transitions.dropFirst(before)).map(\.to)
    let retries = "\(paid) of \(queued.count) pending payments went through on the retry"
    switch (retried.first, retried.dropFirst().first) {
    case (.halfOpen?, .closed?):
        narrator.ok("the first call was the half-open trial; it succeeded and closed the circuit; \(retries)")
    case (.halfOpen?, .open?):
        narrator.say(
            "The first call was the half-open trial, and it failed, so the breaker opened again"
                + (retried.contains(.closed) ? " until a later trial closed it" : "")
                + "; \(retries).")
    default:
        narrator.say(
            "While the pending payments were retried the breaker went \(retried.isEmpty ? "nowhere" : retried.map { "\($0)" }.joined(separator: " → ")); \(retries)."
        )
    }
    narrator.table(["the breaker's timeline", "since the breaker was made"], breaker.transitions.map { ["\($0.from) → \($0.to)", $0.at.readable] })
    if let last = breaker.transitions.last {
        let symbol: (BreakerState) -> Character = { state in
            switch state {
            case .closed: "▁"
            case .open: "█"
            case .halfOpen: "▄"
            default: "?"
            }
        }
        let end = last.at + last.at / 10
        let strip = TerminalChart.strip([(.zero, symbol(.closed))] + breaker.transitions.map { ($0.at, symbol($0.to)) }, end: end)
        narrator.say("  \(strip)  0 to \(end.readable)")
        narrator.say("  ▁ closed, █ open (failing fast), ▄ half-open (one trial)")
    }
    let opened = breaker.transitions.first { $0.to == .open }
    let trial = breaker.transitions.first { $0.to == .halfOpen }
    if let opened, let trial {
        narrator.say(
            "It stayed open \((trial.at - opened.at).readable), not the \(settings.waitDuration.readable) wait: the wait only makes the next call a trial. Half-open begins when a call asks after the wait — here the first pending payment retried once the lesson had waited — so an idle breaker can stay open past its wait without harm."
        )
    }
}

/// What any breaker must do per call at the least: take a lock and read the clock (median per
/// call, from batches of 1,000).
func lockAndClockFloor() -> Duration {
    let lock = Locked(0)
    let clock = SystemClock()
    return perCall(batches: 200) {
        lock.withLock { $0 &+= 1 }
        _ = clock.now
    }.p50
}
