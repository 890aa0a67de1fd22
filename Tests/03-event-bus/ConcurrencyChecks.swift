import EventBusKit
import Testing
import WorkbookKit

/// The clauses that only show when several things happen at once: dead letters from several
/// consumers, several callers waiting for idle, and several events queued for one subscriber.
@Suite("Exercise 03 · several consumers, waiters and events at once")
struct ConcurrencyChecks {
    @Test("dead letters from several consumers are listed oldest first, not grouped by consumer", arguments: await Grading.implementations())
    func lettersAcrossConsumers(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        let always: @Sendable (EventID, Int) -> Bool = { _, _ in true }
        try await subscribeRecording(bus, "fraud", to: Ping.self, recorder, fails: always)
        try await subscribeRecording(bus, "ledger", to: Pong.self, recorder, fails: always)
        // One at a time, each dead-lettered before the next is published: the order is certain.
        try await bus.publish(ping(1))
        try await idle(bus, "after ping-1")
        try await bus.publish(pong(1))
        try await idle(bus, "after pong-1")
        try await bus.publish(ping(2))
        try await idle(bus, "after ping-2")
        let letters = try await bus.deadLetters().map { "\($0.consumer):\($0.event.id)" }
        let expected = ["fraud:ping-1", "ledger:pong-1", "fraud:ping-2"]
        #expect(
            letters == expected,
            "rule broken: the dead letters, oldest first, whoever's they are\n  expected: \(expected)\n  yours:    \(letters)\n  input:    fraud (pings) and ledger (pongs) always fail; ping-1, pong-1, ping-2 each dead-lettered in turn"
        )
    }

    @Test("two callers waiting for idle at once both return when the bus goes idle", arguments: await Grading.implementations())
    func twoIdleWaiters(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        await recorder.close("held")
        try await subscribeRecording(bus, "slow", recorder, gate: "held")
        try await bus.publish(ping(1))
        try await someoneWaits(at: "held", recorder, "ping-1's handler")
        let waiting = Waiters()
        let first = Task {
            await waiting.arrive()
            try await bus.waitUntilIdle()
        }
        let second = Task {
            await waiting.arrive()
            try await bus.waitUntilIdle()
        }
        await waiting.until(2)
        // Both callers have called; give their calls the chance to park before the bus goes idle.
        for _ in 0..<100 { await Task.yield() }
        await recorder.open("held")
        try await within(.seconds(20), "the first of two concurrent waitUntilIdle() calls returning") { try await first.value }
        try await within(.seconds(20), "the second of two concurrent waitUntilIdle() calls returning") { try await second.value }
    }

    @Test("one subscriber handles one event at a time: its next handler starts only after the last returned", arguments: await Grading.implementations())
    func oneAtATime(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let running = Waiters()
        let recorder = Recorder()
        await recorder.close("held")
        try await bus.subscribe("slow", to: Ping.self) { envelope in
            await running.enter()
            await recorder.pass("held")
            await running.leave()
            await recorder.succeed("slow", envelope.id)
        }
        try await bus.publish(ping(1))
        try await someoneWaits(at: "held", recorder, "ping-1's handler")
        for sequence in 2...4 { try await bus.publish(ping(sequence)) }
        // A second delivery task would start ping-2's handler now; give it every chance to.
        for _ in 0..<100 { await Task.yield() }
        await recorder.open("held")
        try await idle(bus, "after the gate opened")
        let most = await running.most
        let handled = await recorder.handledBy("slow")
        #expect(
            most == 1 && handled == ["ping-1", "ping-2", "ping-3", "ping-4"],
            "rule broken: each subscriber handles its events one at a time, in publish order\n  expected: at most 1 handler running, handled [ping-1, ping-2, ping-3, ping-4]\n  yours:    up to \(most) running at once, handled \(handled)\n  input:    ping-1 held in its handler while ping-2…4 are published"
        )
    }
}

/// Counts tasks that arrived, and handlers running at once.
actor Waiters {
    private var arrived = 0
    private var waiting: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var now = 0
    /// The most handlers that were running at once.
    private(set) var most = 0

    func arrive() {
        arrived += 1
        let ready = waiting.filter { $0.count <= arrived }
        waiting.removeAll { $0.count <= arrived }
        ready.forEach { $0.continuation.resume() }
    }

    /// Returns once `count` tasks have arrived.
    func until(_ count: Int) async {
        if arrived >= count { return }
        await withCheckedContinuation { waiting.append((count, $0)) }
    }

    func enter() {
        now += 1
        most = max(most, now)
    }

    func leave() { now -= 1 }
}
