import CircuitBreakerKit
import Testing
import WorkbookKit

/// Hand-written scenarios on a manual clock: every transition and its boundaries.
@Suite("Exercise 05 · the breaker's states")
struct SpecificationChecks {
    @Test("closed opens exactly at the threshold; a success in between starts the count again", arguments: Grading.implementations)
    func threshold(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(3), clock)
        for outcome in [CallOutcome.failure(Boom()), .failure(Boom()), .success, .failure(Boom()), .failure(Boom())] {
            do {
                let yours = try breaker.callOnce(outcome)
                #expect(yours == .admitted)
            }
        }
        #expect(breaker.state == .closed, "F F S F F with a threshold of 3: two in a row, still closed; it is \(breaker.state)")
        clock.advance(by: .seconds(1))
        try breaker.callOnce(.failure(Boom()))
        #expect(breaker.state == .open, "the third failure in a row opens it; it is \(breaker.state)")
        #expect(breaker.transitions == [BreakerTransition(from: .closed, to: .open, at: .seconds(1))])
    }

    @Test("open rejects at once, says when to retry, and never calls the dependency", arguments: Grading.implementations)
    func openRejects(_ implementation: Implementation) async throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1), clock)
        try breaker.callOnce(.failure(Boom()))
        clock.advance(by: .seconds(4))
        #expect(breaker.ask().0 == .rejected(.open, retryAfter: .seconds(6)), "opened at 0 s with a 10 s wait, asked at 4 s")
        let calls = Locked(0)
        await #expect(throws: CallNotPermitted.self) {
            try await breaker.call { calls.withLock { $0 += 1 } }
        }
        #expect(calls.withLock { $0 } == 0, "an open breaker must not call the dependency")
    }

    @Test("exactly at the wait duration it is still open; strictly after, the first call is a trial", arguments: Grading.implementations)
    func waitBoundary(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1), clock)
        try breaker.callOnce(.failure(Boom()))
        clock.advance(by: .seconds(10))
        #expect(breaker.ask().0 == .rejected(.open, retryAfter: .zero), "at exactly 10 s")
        clock.advance(by: .nanoseconds(1))
        #expect(breaker.state == .open, "the move to half-open happens on the next request, not by itself")
        #expect(breaker.ask().0 == .admitted, "1 ns after the wait, the first request is the trial")
        #expect(breaker.state == .halfOpen)
        #expect(breaker.ask().0 == .rejected(.halfOpen, retryAfter: .zero), "one trial at a time")
        #expect(breaker.transitions.last == BreakerTransition(from: .open, to: .halfOpen, at: .seconds(10) + .nanoseconds(1)))
    }

    @Test("half-open admits exactly the permitted trials, and closes when they all succeed", arguments: Grading.implementations)
    func halfOpenCloses(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1, permitted: 2), clock)
        try breaker.callOnce(.failure(Boom()))
        clock.advance(by: .seconds(11))
        let (first, a) = breaker.ask()
        let (second, b) = breaker.ask()
        #expect(first == .admitted && second == .admitted)
        #expect(breaker.ask().0 == .rejected(.halfOpen, retryAfter: .zero), "a third trial while two are out")
        try breaker.record(.success, permit: try #require(a))
        #expect(breaker.state == .halfOpen, "one success of two")
        try breaker.record(.success, permit: try #require(b))
        #expect(breaker.state == .closed, "both trials succeeded")
        #expect(breaker.transitions.map(\.to) == [.open, .halfOpen, .closed])
        do {
            let yours = try breaker.callOnce(.failure(Boom()))
            #expect(yours == .admitted)
        }
        #expect(breaker.state == .open, "closed again, and counting from zero: one failure opens with a threshold of 1")
    }

    @Test("a failed trial opens again, and the wait starts over from the failure", arguments: Grading.implementations)
    func failedTrial(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1), clock)
        try breaker.callOnce(.failure(Boom()))
        clock.advance(by: .seconds(15))
        do {
            let yours = try breaker.callOnce(.failure(Boom()))
            #expect(yours == .admitted)
        }
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(10))
        #expect(breaker.ask().0 == .rejected(.open, retryAfter: .zero), "reopened at 15 s: still open at 25 s")
        clock.advance(by: .milliseconds(1))
        #expect(breaker.ask().0 == .admitted, "and a trial at 25.001 s")
        #expect(breaker.transitions.map(\.at) == [.zero, .seconds(15), .seconds(15), .seconds(25) + .milliseconds(1)])
    }

    @Test("an ignored error counts as neither, and gives back a half-open permit; so does cancellation", arguments: Grading.implementations)
    func ignoredErrors(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(2), clock)
        try breaker.callOnce(.failure(Boom()))
        try breaker.callOnce(.failure(NotFound()))
        try breaker.callOnce(.failure(CancellationError()))
        #expect(breaker.state == .closed, "F, ignored, cancelled: one failure counted")
        try breaker.callOnce(.failure(Boom()))
        #expect(breaker.state == .open, "the ignored errors did not break the run of failures either")

        clock.advance(by: .seconds(11))
        let (_, trial) = breaker.ask()
        try breaker.record(.failure(NotFound()), permit: try #require(trial))
        #expect(breaker.state == .halfOpen)
        let (again, retrial) = breaker.ask()
        #expect(again == .admitted, "the ignored trial gave its permit back")
        try breaker.record(.failure(CancellationError()), permit: try #require(retrial))
        #expect(breaker.ask().0 == .admitted, "a cancelled trial gives its permit back too")
    }

    @Test("a late outcome from before a transition does not count after it", arguments: Grading.implementations)
    func stalePermits(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1), clock)
        let (_, early) = breaker.ask()
        let (_, earlyToo) = breaker.ask()
        try breaker.callOnce(.failure(Boom()))
        clock.advance(by: .seconds(11))
        let (_, trial) = breaker.ask()
        try breaker.record(.success, permit: try #require(early))
        #expect(breaker.state == .halfOpen, "a success admitted while closed is not the trial's success")
        try breaker.record(.failure(Boom()), permit: try #require(earlyToo))
        #expect(breaker.state == .halfOpen, "nor is a failure admitted while closed")
        try breaker.record(.success, permit: try #require(trial))
        #expect(breaker.state == .closed)
    }

    @Test("forced open rejects everything until reset; disabled counts nothing; reset closes", arguments: Grading.implementations)
    func manualStates(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(1), clock)
        try breaker.forceOpen()
        clock.advance(by: .seconds(60))
        #expect(breaker.ask().0 == .rejected(.forcedOpen, retryAfter: nil), "forced open has no retry time")
        try breaker.disable()
        for _ in 0..<5 { #expect(try breaker.callOnce(.failure(Boom())) == .admitted) }
        #expect(breaker.state == .disabled, "disabled never trips")
        try breaker.reset()
        try breaker.reset()
        #expect(breaker.state == .closed)
        #expect(
            breaker.transitions.map { "\($0.from)→\($0.to)" } == ["closed→forced open", "forced open→disabled", "disabled→closed"],
            "a reset of a closed breaker is not a transition")
    }

    @Test("reset of a closed breaker starts it afresh: its failure count and its window are cleared", arguments: Grading.implementations)
    func resetWhileClosed(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(3), clock)
        for _ in 0..<2 { try breaker.callOnce(.failure(Boom())) }
        try breaker.reset()
        try breaker.callOnce(.failure(Boom()))
        #expect(
            breaker.state == .closed,
            "rule broken: reset() clears the count of a closed breaker too\n  input: 3 failures in a row open it; F F, reset(), F — 1 in a row since the reset")
        let rate = implementation.makeBreaker(
            BreakerSettings(trip: .failureRate(percent: 50, window: 4, minimumCalls: 2), waitDuration: .seconds(1), classify: classifyTestErrors), clock)
        try rate.callOnce(.failure(Boom()))
        try rate.reset()
        try rate.callOnce(.failure(Boom()))
        #expect(
            rate.state == .closed,
            "rule broken: reset() empties the window of a closed breaker too\n  input: 50%, window 4, minimum 2; F, reset(), F — 1 call in the window since the reset"
        )
        #expect(breaker.transitions.isEmpty && rate.transitions.isEmpty, "a reset of a closed breaker is not a transition")
    }

    @Test("failure rate: opens when the window holds enough calls and enough of them failed", arguments: Grading.implementations)
    func failureRate(_ implementation: Implementation) throws {
        let clock = ManualClock()
        let settings = BreakerSettings(trip: .failureRate(percent: 50, window: 4, minimumCalls: 4), waitDuration: .seconds(1), classify: classifyTestErrors)
        let breaker = implementation.makeBreaker(settings, clock)
        for outcome in [CallOutcome.failure(Boom()), .failure(Boom()), .failure(Boom())] { try breaker.callOnce(outcome) }
        #expect(
            breaker.state == .closed,
            "rule broken: at least minimumCalls (4) outcomes before the rate counts\n  input: 50%, window 4, minimum 4; outcomes F F F (3 of 3 failed)")
        try breaker.callOnce(.failure(NotFound()))
        #expect(
            breaker.state == .closed,
            "rule broken: an ignored error is not a call in the window\n  input: 50%, window 4, minimum 4; outcomes F F F, then an ignored error")
        try breaker.callOnce(.success)
        #expect(
            breaker.state == .open,
            "rule broken: the rate is checked after every outcome, a success included\n  input: 50%, window 4, minimum 4; outcomes F F F (ignored) S: 3 failures of 4 = 75% ≥ 50%"
        )

        let sliding = implementation.makeBreaker(settings, clock)
        for outcome in [CallOutcome.failure(Boom()), .success, .success, .success, .success, .failure(Boom())] { try sliding.callOnce(outcome) }
        #expect(
            sliding.state == .closed,
            "rule broken: the window is the last 4 outcomes\n  input: 50%, window 4, minimum 4; outcomes F S S S S F: the last 4 are S S S F, 25%")
        try sliding.callOnce(.failure(Boom()))
        #expect(
            sliding.state == .open,
            "rule broken: failures at least percent% of the window open it\n  input: 50%, window 4, minimum 4; outcomes F S S S S F F: the last 4 are S S F F, 50%"
        )
    }

    /// Rates where failures are exactly `percent`% of the window. Computed in `Double`, several of
    /// them come out a hair above the integer (0.28 × 25 = 7.000000000000001), or below it
    /// (29 of 100 as 29 / 100 × 100 = 28.999999999999996), and the breaker stays closed.
    static let exactRates: [(percent: Int, window: Int)] = [(28, 25), (56, 25), (14, 50), (58, 50), (7, 100), (29, 100), (55, 100), (57, 100)]

    @Test("failure rate at exactly the percentage opens it, one failure fewer does not", arguments: Grading.implementations)
    func exactPercentages(_ implementation: Implementation) throws {
        for (percent, window) in Self.exactRates {
            let failures = percent * window / 100
            for failed in [failures - 1, failures] {
                let settings = BreakerSettings(
                    trip: .failureRate(percent: percent, window: window, minimumCalls: window), waitDuration: .seconds(1), classify: classifyTestErrors)
                let breaker = implementation.makeBreaker(settings, ManualClock())
                let outcomes = Array(repeating: CallOutcome.failure(Boom()), count: failed) + Array(repeating: .success, count: window - failed)
                for outcome in outcomes { try breaker.callOnce(outcome) }
                let expected: BreakerState = failed == failures ? .open : .closed
                #expect(
                    breaker.state == expected,
                    """
                    rule broken: opens when failures are at least percent% of the window (count in integers: failures × 100 ≥ percent × calls)
                      expected: \(expected)
                      yours:    \(breaker.state)
                      input:    \(percent)%, window \(window), minimum \(window); \(failed) failures, then \(window - failed) successes
                    """)
            }
        }
    }

    @Test("a success slower than the threshold counts as a failure", arguments: Grading.implementations)
    func slowCalls(_ implementation: Implementation) async throws {
        let clock = ManualClock()
        let breaker = implementation.makeBreaker(.consecutive(2), clock)
        for _ in 0..<2 {
            _ = try await breaker.call(slowCallThreshold: .milliseconds(500)) { clock.advance(by: .seconds(2)) }
        }
        #expect(breaker.state == .open, "two 2 s calls over a 500 ms threshold")
    }
}
