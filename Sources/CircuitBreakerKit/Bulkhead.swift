import WorkbookKit

/// A limit on how many calls to one dependency may be in flight at once. A call beyond the
/// limit is rejected at once (`BulkheadFull`), so a slow dependency can hold at most `limit`
/// of the caller's tasks, connections and threads — never all of them.
public final class Bulkhead: Sendable {
    public let name: String
    public let limit: Int
    private let inFlight = Locked(0)

    public init(name: String, limit: Int) {
        precondition(limit >= 1, "a bulkhead admits at least one call")
        self.name = name
        self.limit = limit
    }

    /// Runs `operation` if a place is free, else throws `BulkheadFull`.
    public func run<Value: Sendable>(_ operation: () async throws -> Value) async throws -> Value {
        let admitted = inFlight.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw BulkheadFull(name: name, limit: limit) }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await operation()
    }
}

/// Thrown when a bulkhead is full.
public struct BulkheadFull: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var limit: Int
    public var description: String { "bulkhead \(name) full (\(limit) in flight)" }
}
