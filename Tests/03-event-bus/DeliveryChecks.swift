import EventBusKit
import Testing
import WorkbookKit

/// Specification checks: who gets what, in which order, and who waits for whom.
@Suite("Exercise 03 · delivery")
struct DeliveryChecks {
    @Test(
        "every subscriber gets every event of its type, in publish order, and no other type",
        arguments: await Grading.implementations())
    func everySubscriberInOrder(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        try await subscribeRecording(bus, "inventory", recorder)
        try await subscribeRecording(bus, "email", recorder)
        try await subscribeRecording(bus, "pongs", to: Pong.self, recorder)
        for sequence in 1...20 {
            try await bus.publish(ping(sequence))
            if sequence % 5 == 0 { try await bus.publish(pong(sequence)) }
        }
        try await idle(bus, "after 20 pings and 4 pongs")
        let pings = (1...20).map { EventID("ping-\($0)") }
        do {
            let yours = await recorder.handledBy("inventory")
            #expect(yours == pings)
        }
        do {
            let yours = await recorder.handledBy("email")
            #expect(yours == pings)
        }
        do {
            let yours = await recorder.handledBy("pongs")
            #expect(yours == [5, 10, 15, 20].map { EventID("pong-\($0)") })
        }
    }

    @Test("publishing with no subscriber does nothing, and an idle bus is idle at once", arguments: await Grading.implementations())
    func noSubscriber(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        try await bus.publish(ping(1))
        try await idle(bus, "with no subscriber")
        #expect(try await bus.lag().isEmpty)
        #expect(try await bus.deadLetters().isEmpty)
    }

    @Test("a consumer gets only the events published after it subscribed", arguments: await Grading.implementations())
    func lateSubscriber(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        try await subscribeRecording(bus, "early", recorder)
        try await bus.publish(ping(1))
        try await subscribeRecording(bus, "late", recorder)
        try await bus.publish(ping(2))
        try await idle(bus, "after two pings")
        do {
            let yours = await recorder.handledBy("early")
            #expect(yours == ["ping-1", "ping-2"])
        }
        do {
            let yours = await recorder.handledBy("late")
            #expect(yours == ["ping-2"])
        }
    }

    @Test("a consumer name can be subscribed only once", arguments: await Grading.implementations())
    func uniqueNames(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        try await bus.subscribe("email", to: Ping.self) { _ in }
        await #expect(throws: EventBusError.consumerAlreadySubscribed("email")) {
            try await bus.subscribe("email", to: Pong.self) { _ in }
        }
    }

    @Test(
        "publish returns while a handler is still busy, and lag counts queued and in-progress events",
        arguments: await Grading.implementations())
    func publishDoesNotWait(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        await recorder.close("slow")
        try await subscribeRecording(bus, "slow", recorder, gate: "slow")
        try await within(.seconds(20), "publish while the only handler is stuck") {
            for sequence in 1...3 { try await bus.publish(ping(sequence)) }
        }
        try await someoneWaits(at: "slow", recorder, "the first event's handler")
        do {
            let yours = try await bus.lag()["slow"]
            #expect(yours == 3, "one event in progress and two queued")
        }
        await recorder.open("slow")
        try await idle(bus, "after the gate opened")
        do {
            let yours = try await bus.lag()["slow"]
            #expect(yours == 0)
        }
        do {
            let yours = await recorder.handledBy("slow")
            #expect(yours == ["ping-1", "ping-2", "ping-3"])
        }
    }

    @Test(
        "lag falls by one as each event is finished, also when the events were queued together",
        arguments: await Grading.implementations())
    func lagPerEvent(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        let events = (1...4).map { ping($0) }
        for event in events { await recorder.close("at \(event.id)") }
        try await bus.subscribe("slow", to: Ping.self) { envelope in
            await recorder.pass("at \(envelope.id)")
            await recorder.succeed("slow", envelope.id)
        }
        try await bus.publish(events[0])
        try await someoneWaits(at: "at ping-1", recorder, "ping-1's handler")
        for event in events.dropFirst() { try await bus.publish(event) }
        for (finished, event) in events.enumerated() {
            do {
                let yours = try await bus.lag()["slow"]
                #expect(yours == events.count - finished, "\(finished) of \(events.count) finished, \(event.id) in progress")
            }
            await recorder.open("at \(event.id)")
            if finished + 1 < events.count {
                try await someoneWaits(at: "at \(events[finished + 1].id)", recorder, "the next event, after \(event.id) finished")
            }
        }
        try await idle(bus, "after every gate opened")
        do {
            let yours = try await bus.lag()["slow"]
            #expect(yours == 0)
        }
    }

    @Test("a stuck subscriber does not delay the others", arguments: await Grading.implementations())
    func isolation(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        await recorder.close("stuck")
        try await subscribeRecording(bus, "stuck", recorder, gate: "stuck")
        try await subscribeRecording(bus, "healthy", recorder)
        for sequence in 1...10 { try await bus.publish(ping(sequence)) }
        try await within(.seconds(20), "the healthy consumer handling 10 events while the other is stuck") {
            await recorder.waitFor("healthy", count: 10)
        }
        #expect(await recorder.handledBy("stuck").isEmpty)
        await recorder.open("stuck")
        try await idle(bus, "after the stuck consumer was released")
        do {
            let yours = await recorder.handledBy("stuck")
            #expect(yours == (1...10).map { EventID("ping-\($0)") })
        }
    }

    @Test("a duplicate delivery of the same event id is handled once per consumer", arguments: await Grading.implementations())
    func deduplication(_ implementation: Implementation) async throws {
        let bus = implementation.makeBus()
        let recorder = Recorder()
        try await subscribeRecording(bus, "shipping", recorder)
        try await subscribeRecording(bus, "email", recorder)
        try await bus.publish(ping(1))
        try await bus.publish(ping(1))
        try await bus.publish(ping(2))
        try await idle(bus, "")
        try await bus.publish(ping(1))
        try await idle(bus, "")
        do {
            let yours = await recorder.handledBy("shipping")
            #expect(yours == ["ping-1", "ping-2"])
        }
        do {
            let yours = await recorder.handledBy("email")
            #expect(yours == ["ping-1", "ping-2"])
        }
        do {
            let yours = await recorder.calls["shipping"]?["ping-1"]
            #expect(yours == 1, "the duplicates must not reach the handler at all")
        }
    }
}
