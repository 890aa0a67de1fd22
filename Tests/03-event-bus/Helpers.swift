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
func idle(_ bus: any EventBus, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    try await within(.seconds(20), "waitUntilIdle() \(what)", sourceLocation: sourceLocation) { try await bus.waitUntilIdle() }
}

/// Runs `body`, recording a failure if it has not returned after `limit` (see `Deadline`).
func within(
    _ limit: Duration, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async throws -> Void
) async throws {
    if case .none = try await Deadline.run(limit, body) {
        Issue.record("\(what) did not return within \(limit)", sourceLocation: sourceLocation)
    }
}
