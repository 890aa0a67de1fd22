/// What the facade counted since it started (or since the last reset): requests and errors per
/// destination, shadow comparisons and their mismatches, and which side each tenant landed on.
public struct FacadeStats: Sendable, Codable, Hashable {
    public var requests: [String: Int] = [:]
    public var errors: [String: Int] = [:]
    public var shadowed = 0
    public var shadowFailures = 0
    public var mismatches = 0
    /// The first mismatches, with both answers.
    public var samples: [Mismatch] = []
    /// For each tenant, the destinations it was routed to.
    public var tenants: [String: Set<String>] = [:]

    public init() {}

    /// One request to `destination`; `failed` when it ended in an error or a 5xx.
    mutating func count(_ destination: Destination, tenant: String?, failed: Bool) {
        requests[destination.rawValue, default: 0] += 1
        if failed { errors[destination.rawValue, default: 0] += 1 }
        if let tenant { tenants[tenant, default: []].insert(destination.rawValue) }
    }
}

/// A shadow comparison that disagreed.
public struct Mismatch: Sendable, Codable, Hashable, CustomStringConvertible {
    public var request: String
    public var legacy: String
    public var extracted: String

    public var description: String { "\(request): legacy \(legacy), extracted \(extracted)" }
}
