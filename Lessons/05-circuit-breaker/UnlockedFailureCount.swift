import Synchronization

/// The source material's failure count without the lock `SeedBreaker` adds: Python's
/// `self.failures += 1` is a read, then a write, and nothing stops two callers between them.
/// Atomic loads and stores keep each step well defined in Swift; the gap between the two steps
/// is the source's, where two callers' updates collide and one is lost.
final class UnlockedFailureCount: Sendable {
    private let failures = Atomic<Int>(0)

    /// The source's `failures += 1`: a read, then a write of what was read plus one.
    func recordFailure() { write(read() + 1) }

    /// The first half of `+= 1`.
    func read() -> Int { failures.load(ordering: .relaxed) }

    /// The second half of `+= 1`.
    func write(_ value: Int) { failures.store(value, ordering: .relaxed) }

    var count: Int { read() }
}
