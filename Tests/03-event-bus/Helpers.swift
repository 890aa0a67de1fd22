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

/// Runs `body`, recording a failure if it has not returned after `limit`. The body runs in a task
/// of its own, so that a wait that ignores cancellation cannot hang the check: it is left behind.
func within(
    _ limit: Duration, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async throws -> Void
) async throws {
    let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Bool, any Error>, Never>) in
        let once = ResumeOnce(continuation)
        Task {
            do {
                try await body()
                once.resume(.success(true))
            } catch {
                once.resume(.failure(error))
            }
        }
        Task {
            try? await Task.sleep(for: limit)
            once.resume(.success(false))
        }
    }
    if try !outcome.get() { Issue.record("\(what) did not return within \(limit)", sourceLocation: sourceLocation) }
}

/// Resumes a continuation the first time it is asked to, and ignores later requests.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Locked<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) { self.continuation = Locked(continuation) }

    func resume(_ value: Value) {
        continuation.withLock { pending in
            pending?.resume(returning: value)
            pending = nil
        }
    }
}
