import EventBusKit
import Testing
import WorkbookKit

/// Specification checks: failing handlers are retried, then dead-lettered, never lost.
@Suite("Exercise 03 · failures, retries and dead letters")
struct FailureChecks {
    @Test(
        "a handler that always fails is tried maxAttempts times, then dead-lettered; its consumer and the others carry on",
        arguments: await Grading.implementations())
    func poisonEvent(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        // Fails its first 50 attempts: a bus that retries without bound gets through on the 51st
        // and fails this check instead of spinning for ever.
        try await subscribeRecording(bus, "fraud", recorder) { event, attempt in event == "ping-2" && attempt <= 50 }
        try await subscribeRecording(bus, "email", recorder)
        for sequence in 1...3 { try await bus.publish(ping(sequence)) }
        try await idle(bus, "after a poison event")
        do {
            let yours = await recorder.handledBy("fraud")
            #expect(yours == ["ping-1", "ping-3"])
        }
        do {
            let yours = await recorder.handledBy("email")
            #expect(yours == ["ping-1", "ping-2", "ping-3"])
        }
        do {
            let yours = await recorder.calls["fraud"]?["ping-2"]
            #expect(yours == RetryPolicy.fast.maxAttempts, "attempts on the poison event")
        }
        let letter = DeadLetter(
            consumer: "fraud", event: EventRecord(id: "ping-2", type: Ping.typeName, version: 1),
            error: "fraud failed on ping-2, attempt 3", attempts: 3)
        do {
            let yours = try await bus.deadLetters()
            #expect(yours == [letter])
        }
    }

    @Test("a transient failure is retried and handled once, with no dead letter", arguments: await Grading.implementations())
    func transientFailure(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        try await subscribeRecording(bus, "shipping", recorder) { event, attempt in event == "ping-1" && attempt < 3 }
        try await bus.publish(ping(1))
        try await bus.publish(ping(2))
        try await idle(bus, "after a transient failure")
        do {
            let yours = await recorder.handledBy("shipping")
            #expect(yours == ["ping-1", "ping-2"])
        }
        do {
            let yours = await recorder.calls["shipping"]?["ping-1"]
            #expect(yours == 3)
        }
        #expect(try await bus.deadLetters().isEmpty)
    }

    @Test("the bus waits before each retry on the injected clock, doubling the wait", arguments: await Grading.implementations())
    func backoffOnTheClock(_ implementation: Implementation) async throws {
        let clock = ManualClock()
        let retry = RetryPolicy(maxAttempts: 3, initialBackoff: .seconds(1))
        let bus = implementation.makeBus(clock: clock, retry: retry)
        let recorder = Recorder()
        try await subscribeRecording(bus, "billing", recorder) { _, attempt in attempt < 3 }
        try await bus.publish(ping(1))
        try await within(.seconds(20), "the first backoff starting on the clock") { await clock.waitForSleepers(1) }
        do {
            let yours = await recorder.calls["billing"]?["ping-1"]
            #expect(yours == 1)
        }
        clock.advance(by: .milliseconds(999))
        #expect(clock.sleeperCount == 1, "the first wait is 1 s; 999 ms have passed")
        clock.advance(by: .milliseconds(1))
        try await within(.seconds(20), "the second backoff starting on the clock") { await clock.waitForSleepers(1) }
        do {
            let yours = await recorder.calls["billing"]?["ping-1"]
            #expect(yours == 2)
        }
        clock.advance(by: .milliseconds(1_999))
        #expect(clock.sleeperCount == 1, "the second wait is 2 s; 1.999 s have passed")
        clock.advance(by: .milliseconds(1))
        try await idle(bus, "after the third attempt")
        do {
            let yours = await recorder.handledBy("billing")
            #expect(yours == ["ping-1"])
        }
    }

    @Test("dead letters are kept oldest first, and replay delivers them oldest first", arguments: await Grading.implementations())
    func replayOrder(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        // Each of ping-1…3 fails its first three attempts: dead-lettered in publish order, handled on replay.
        try await subscribeRecording(bus, "fraud", recorder) { _, attempt in attempt <= RetryPolicy.fast.maxAttempts }
        for number in 1...3 { try await bus.publish(ping(number)) }
        try await idle(bus, "after three poison pings")
        let letters = try await bus.deadLetters().map(\.event.id)
        #expect(
            letters == ["ping-1", "ping-2", "ping-3"],
            "rule broken: the dead letters, oldest first\n  expected: [ping-1, ping-2, ping-3]\n  yours:    \(letters)\n  input:    ping-1, ping-2, ping-3 published, each failing every attempt"
        )
        try await bus.replayDeadLetters()
        try await idle(bus, "after the replay")
        let handled = await recorder.handledBy("fraud")
        #expect(
            handled == ["ping-1", "ping-2", "ping-3"],
            "rule broken: replay enqueues each letter again, oldest first\n  expected: [ping-1, ping-2, ping-3]\n  yours:    \(handled)\n  input:    three dead letters, then replayDeadLetters()"
        )
    }

    @Test("a dead letter is not redelivered by a duplicate, and replay delivers it again", arguments: await Grading.implementations())
    func replay(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        // Fails its first four attempts: dead-lettered after three, handled on the second attempt of the replay.
        try await subscribeRecording(bus, "fraud", recorder) { event, attempt in event == "ping-1" && attempt <= 4 }
        try await subscribeRecording(bus, "email", recorder)
        try await bus.publish(ping(1))
        try await idle(bus, "")
        do {
            let yours = try await bus.deadLetters().map(\.event.id)
            #expect(yours == ["ping-1"])
        }
        try await bus.publish(ping(1))
        try await idle(bus, "after a duplicate of the dead-lettered event")
        do {
            let yours = await recorder.calls["fraud"]?["ping-1"]
            #expect(yours == 3, "the duplicate must not reach the handler")
        }
        try await bus.replayDeadLetters()
        try await idle(bus, "after the replay")
        #expect(try await bus.deadLetters().isEmpty)
        do {
            let yours = await recorder.handledBy("fraud")
            #expect(yours == ["ping-1"])
        }
        do {
            let yours = await recorder.calls["fraud"]?["ping-1"]
            #expect(yours == 5)
        }
        do {
            let yours = await recorder.handledBy("email")
            #expect(yours == ["ping-1"], "email had handled it already; the replay was fraud's alone")
        }
    }

    @Test(
        "many tasks publishing at once: each subscriber gets every event once, all in the same order",
        arguments: await Grading.implementations())
    func concurrentPublishers(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        let consumers = ["inventory", "email", "analytics"]
        for consumer in consumers { try await subscribeRecording(bus, consumer, recorder) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for publisher in 0..<8 {
                group.addTask {
                    for sequence in 0..<100 { try await bus.publish(ping(publisher * 1_000 + sequence)) }
                }
            }
            try await group.waitForAll()
        }
        try await idle(bus, "after 800 concurrent publishes")
        let first = await recorder.handledBy("inventory")
        #expect(first.count == 800 && Set(first).count == 800, "inventory handled \(first.count) events, \(Set(first).count) distinct")
        for consumer in consumers.dropFirst() {
            do {
                let yours = await recorder.handledBy(consumer)
                #expect(yours == first, "\(consumer) must see the same events in the same order as inventory")
            }
        }
        for publisher in 0..<8 {
            let own = first.filter { Int($0.rawValue.dropFirst(5))! / 1_000 == publisher }
            #expect(own == (0..<100).map { EventID("ping-\(publisher * 1_000 + $0)") }, "publisher \(publisher)'s events out of order")
        }
        #expect(try await bus.lag().values.allSatisfy { $0 == 0 })
    }
}
