import WorkbookKit

extension Attempt {
    /// Whether a breaker is written: any of its entry points stops throwing `NotAttempted`.
    public static func isAttempted(breaker: any Breaker) -> Bool {
        isAttempted(anyOf: [
            { _ = try breaker.acquirePermission() },
            { try breaker.record(.success, permit: Permit(epoch: 0)) },
            { try breaker.forceOpen() },
            { try breaker.disable() },
            { try breaker.reset() },
        ])
    }
}
