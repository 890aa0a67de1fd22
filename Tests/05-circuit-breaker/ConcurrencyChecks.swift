import CircuitBreakerKit
import Dispatch
import Foundation
import Testing
import WorkbookKit

/// Many threads at once: the breaker's promises must hold without luck.
@Suite("Exercise 05 · many callers at once")
struct ConcurrencyChecks {
    @Test("half-open admits exactly the permitted trials when 64 callers ask at the same moment", arguments: Grading.implementations)
    func halfOpenStampede(_ implementation: Implementation) throws {
        for round in 0..<60 {
            let permitted = round % 3 + 1
            let clock = SlowClock()
            let breaker = implementation.makeBreaker(.consecutive(1, permitted: permitted), clock)
            try breaker.callOnce(.failure(Boom()))
            clock.advance(by: .seconds(11))
            let admitted = Locked(0)
            simultaneously(64) {
                if case .admitted = breaker.ask().0 { admitted.withLock { $0 += 1 } }
            }
            let count = admitted.withLock { $0 }
            #expect(count == permitted, "round \(round): \(count) of 64 simultaneous callers were admitted in half-open, \(permitted) permitted")
            if count != permitted { return }
        }
    }

    @Test("no failure is lost when 400 callers fail at once", arguments: Grading.implementations)
    func concurrentFailures(_ implementation: Implementation) throws {
        for round in 0..<20 {
            let breaker = implementation.makeBreaker(.consecutive(400), SlowClock())
            simultaneously(399) { _ = try? breaker.callOnce(.failure(Boom())) }
            #expect(breaker.state == .closed, "round \(round): 399 failures of a threshold of 400")
            try breaker.callOnce(.failure(Boom()))
            #expect(breaker.state == .open, "round \(round): the 400th failure must open it; a lost update leaves it \(breaker.state)")
            if breaker.state != .open { return }
        }
    }
}

/// A manual clock that gives the processor away whenever it is read, so that code reading the
/// clock inside an unguarded check-then-act lets other threads in between the check and the act.
final class SlowClock: WorkbookClock {
    private let manual = ManualClock()

    var now: Duration {
        usleep(20)
        return manual.now
    }

    func sleep(for duration: Duration) async throws { try await manual.sleep(for: duration) }

    func advance(by duration: Duration) { manual.advance(by: duration) }
}

/// Runs `body` on `count` threads of their own, released together, and waits for all of them:
/// more threads than cores, so that the scheduler interleaves them mid-call.
func simultaneously(_ count: Int, _ body: @escaping @Sendable () -> Void) {
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for _ in 0..<count {
        done.enter()
        Thread.detachNewThread {
            start.wait()
            body()
            done.leave()
        }
    }
    for _ in 0..<count { start.signal() }
    done.wait()
}
