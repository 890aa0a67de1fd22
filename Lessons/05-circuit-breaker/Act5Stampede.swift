import CircuitBreakerKit
import Dispatch
import LessonKit
import ServiceKit
import Synchronization
import WorkbookKit

/// Act 5: the provider comes back, struggling; 50 callers arrive at once the moment the wait is
/// over. The source material's half-open lets all of them through; ours lets one.
func actStampede(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    let provider = try await Dependency.start("payment-provider", timeout: .seconds(1))
    defer { Task { await provider.stop() } }
    let callers = 50

    let seed = SeedBreaker(threshold: 1, recovery: .milliseconds(200))
    seed.recordFailure()
    let ours = stage.makeBreaker(BreakerSettings(trip: .consecutiveFailures(1), waitDuration: .milliseconds(200)))
    if let permit = try? ours.acquirePermission() { try ours.record(.failure(CallNotPermitted(state: .closed, retryAfter: nil)), permit: permit) }
    provider.set(.slow(milliseconds: 300))
    narrator.step("Both breakers are open; the provider is back but struggling (300 ms a call). After the wait, \(callers) checkouts arrive at once…")
    try await Task.sleep(for: .milliseconds(250))

    let before = provider.received
    _ = await burst(callers, every: .zero) { _ in
        guard seed.canExecute() else { return }
        do {
            _ = try await provider.call()
            seed.recordSuccess()
        } catch { seed.recordFailure() }
    }
    let seedCalls = provider.received - before
    _ = await burst(callers, every: .zero) { _ in _ = try await ours.call { try await provider.call() } }
    let ourCalls = provider.received - before - seedCalls
    narrator.table(
        ["half-open", "calls that reached the provider"],
        [
            ["the source material's breaker", "\(seedCalls) of \(callers)"],
            ["this lesson's breaker (1 trial)", "\(ourCalls) of \(callers)"],
        ])
    narrator.failed("the source's half-open admits every caller: a recovering provider meets the whole backlog at once, and often falls over again")
    narrator.ok("counting permits under a lock: one trial goes through, the others are refused at once until it answers")
    showLostUpdates(narrator)
}

/// The lock the lesson's copy of the source's breaker adds, taken away: first two callers, each
/// `+= 1` split into its read and its write and played in the order that loses an update, so that
/// the loss shows on every run; then two threads at once, for real, which lose a varying share —
/// or none, when a busy machine never runs them side by side.
private func showLostUpdates(_ narrator: Narrator) {
    narrator.step(
        "The source's breaker has no lock at all. Its asyncio callers share one thread, so there it holds; called from threads (a sync FastAPI endpoint runs in a thread pool) or from Swift tasks, which run in parallel, it does not. Two callers record a failure each, with the count at 7:"
    )
    let staged = UnlockedFailureCount()
    for _ in 0..<7 { staged.recordFailure() }
    let first = staged.read()
    let second = staged.read()
    staged.write(first + 1)
    staged.write(second + 1)
    narrator.table(
        ["step", "caller", "does", "count after"],
        [
            ["1", "A", "reads \(first)", "\(first)"],
            ["2", "B", "reads \(second)", "\(second)"],
            ["3", "A", "writes \(first) + 1", "\(first + 1)"],
            ["4", "B", "writes \(second) + 1", "\(staged.count)"],
        ])
    let lostStaged = first + 2 - staged.count
    if lostStaged > 0 {
        narrator.failed(
            "two failures happened and the count rose by \(staged.count - first): \(lostStaged) lost. A breaker that counts this way opens late, or never, and a success's reset can be overwritten by a stale count"
        )
    } else {
        narrator.ok("two failures, and the count rose by 2")
    }

    let threads = 2
    let each = 1_000_000
    narrator.step("The same gap with \(threads) threads recording \(each) failures each at once (both wait at a start line first):")
    let unlocked = UnlockedFailureCount()
    let locked = Locked(0)
    let ready = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        // A start line with a time limit: where the pool runs the two one after the other (one
        // core), the first must not wait for ever.
        ready.add(1, ordering: .relaxed)
        let giveUp = ContinuousClock.now + .milliseconds(200)
        while ready.load(ordering: .relaxed) < threads && ContinuousClock.now < giveUp {}
        for _ in 0..<each { unlocked.recordFailure() }
    }
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        for _ in 0..<each { locked.withLock { $0 += 1 } }
    }
    let recorded = threads * each
    let counted = locked.withLock { $0 }
    narrator.table(
        ["failure count", "failures recorded", "counted", "lost"],
        [
            ["read, then write (the source's `+= 1`)", "\(recorded)", "\(unlocked.count)", "\(recorded - unlocked.count)"],
            ["under a lock", "\(recorded)", "\(counted)", "\(recorded - counted)"],
        ])
    if unlocked.count < recorded {
        narrator.failed("without the lock, \(recorded - unlocked.count) of \(recorded) failures were lost; under it, \(recorded - counted)")
    } else {
        narrator.say(
            "No update was lost by the threads this time: the machine did not run them side by side (busy, or one core free). The four steps above are the loss they risk on every call."
        )
    }
}
