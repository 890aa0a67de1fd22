import EventBusKit
import Testing
import WorkbookKit

/// Subscribes a consumer whose handler records every call and success in `recorder`, fails when
/// `fails(event, attempt)` says so, and first passes `gate` when one is given.
func subscribeRecording<E: ShopEvent>(
    _ bus: any EventBus, _ consumer: String, to type: E.Type = Ping.self, _ recorder: Recorder,
    gate: String? = nil, fails: @escaping @Sendable (EventID, Int) -> Bool = { _, _ in false }
) async throws {
    try await bus.subscribe(consumer, to: type) { envelope in
        let attempt = await recorder.call(consumer, envelope.id)
        if let gate { await recorder.pass(gate) }
        if fails(envelope.id, attempt) { throw PlannedFailure(consumer: consumer, event: envelope.id, attempt: attempt) }
        await recorder.succeed(consumer, envelope.id)
    }
}

/// A guard against a bus that never goes idle: fails the check instead of hanging the run.
/// Generous on purpose — it only has to tell "hangs" from "finishes".
func idle(_ bus: any EventBus, _ what: String) async throws {
    try await within(.seconds(20), "waitUntilIdle() \(what)") { try await bus.waitUntilIdle() }
}

/// Returns once some handler waits at `gate`; fails the check instead of hanging when none does.
func someoneWaits(at gate: String, _ recorder: Recorder, _ what: String) async throws {
    try await within(.seconds(20), "a handler reaching \(gate) (\(what))") {
        await recorder.waitUntilSomeoneWaits(at: gate)
    }
}

/// Runs `body`; when it has not returned after `limit` (see `Deadline`), ends the check with a
/// failure that says what never happened, so that a bus that hangs fails fast instead.
func within(
    _ limit: Duration, _ what: String,
    _ body: @escaping @Sendable () async throws -> Void
) async throws {
    if case .none = try await Deadline.run(limit, body) {
        throw DidNotReturn(what: what, limit: limit)
    }
}

/// A wait that a correct bus ends and this one did not.
struct DidNotReturn: Error, CustomStringConvertible {
    let what: String
    let limit: Duration
    var description: String { "rule broken: \(what) did not happen within \(limit); the check stopped there instead of hanging" }
}
