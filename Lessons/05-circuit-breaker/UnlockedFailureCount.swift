import Synchronization

/// The source material's failure count without the lock `SeedBreaker` adds: Python's
/// `self.failures += 1` is a read, then a write, and nothing stops two callers between them.
/// Atomic loads and stores keep each step well defined in Swift; the gap between the two steps
/// is the source's, where two callers' updates collide and one is lost.
final class UnlockedFailureCount: Sendable {
    private let failures = Atomic<Int>(0)

    func recordFailure() {
        let read = failures.load(ordering: .relaxed)
        failures.store(read + 1, ordering: .relaxed)
    }

    var count: Int { failures.load(ordering: .relaxed) }
}
