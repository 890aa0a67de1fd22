/// Runs work that might never finish — a student's code that loops or waits forever — with a
/// time limit, so that a check can fail instead of hanging the whole run.
public enum Deadline {
    /// Runs `body` in a task of its own and returns its result, or `nil` when `limit` passed
    /// first. A body that ignores cancellation is left behind, not awaited.
    public static func run<Value: Sendable>(
        _ limit: Duration, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value?, any Error>, Never>) in
            let once = ResumeOnce(continuation)
            let work = Task {
                do { once.resume(.success(try await body())) } catch { once.resume(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                once.resume(.success(nil))
                work.cancel()
            }
        }
        return try outcome.get()
    }
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
