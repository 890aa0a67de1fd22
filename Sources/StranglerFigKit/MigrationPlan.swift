/// Where the facade sends a request.
public enum Destination: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The monolith, which still does everything it always did.
    case legacy
    /// The extracted payments service.
    case extracted

    public var description: String { rawValue }
}

/// One route of the migration plan: requests whose path starts with `prefix` (segment by
/// segment) may go to the extracted service.
public struct RouteRule: Sendable, Hashable, Codable {
    /// A path prefix, e.g. `/payments` — matches `/payments` and `/payments/fees`, not `/paymentsx`.
    public var prefix: String
    /// Tenants sent to one side whatever the percentage (the team's own test shop, a customer
    /// who asked to wait).
    public var pins: [String: Destination]
    /// The share of tenants, 0…100, sent to the extracted service.
    public var percentage: Int
    /// The rollout's group id, hashed with the tenant: a new group reshuffles who goes first.
    public var group: String
    /// Whether read-only requests that go to legacy also run on the extracted service, to compare.
    public var shadow: Bool

    public init(prefix: String, pins: [String: Destination] = [:], percentage: Int = 0, group: String = "payments", shadow: Bool = false) {
        self.prefix = prefix
        self.pins = pins
        self.percentage = percentage
        self.group = group
        self.shadow = shadow
    }
}

/// The migration plan the facade reads, replaceable while it runs.
public struct MigrationPlan: Sendable, Hashable, Codable {
    /// Everything back to legacy at once, whatever the rules say.
    public var killSwitch: Bool
    public var rules: [RouteRule]

    public init(killSwitch: Bool = false, rules: [RouteRule] = []) {
        self.killSwitch = killSwitch
        self.rules = rules
    }
}

/// What the router looks at: the method, the path (no query) and the tenant, if the request
/// names one (the `X-Tenant` header).
public struct RouteRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var tenant: String?

    public init(method: String, path: String, tenant: String?) {
        self.method = method
        self.path = path
        self.tenant = tenant
    }

    public var description: String { "\(method) \(path)" + (tenant.map { " (tenant \($0))" } ?? " (no tenant)") }
}

/// Why the router chose what it chose.
public enum RouteReason: Sendable, Hashable, CustomStringConvertible {
    /// The kill switch is on.
    case killSwitch
    /// No rule's prefix matches the path.
    case noRule
    /// The tenant is pinned in the matching rule.
    case pinned
    /// The request names no tenant, so it cannot be bucketed.
    case noTenant
    /// The tenant's bucket (1…100) against the rule's percentage.
    case rollout(bucket: Int, percentage: Int)

    public var description: String {
        switch self {
        case .killSwitch: "kill switch"
        case .noRule: "no rule"
        case .pinned: "pinned"
        case .noTenant: "no tenant"
        case .rollout(let bucket, let percentage): "bucket \(bucket) vs \(percentage)%"
        }
    }
}

/// The router's answer.
public struct RouteDecision: Sendable, Hashable, CustomStringConvertible {
    public var destination: Destination
    public var reason: RouteReason
    /// The prefix of the rule that decided, if one did.
    public var rule: String?
    /// Whether to also run the request on the extracted service and compare (never returned).
    public var shadow: Bool

    public init(destination: Destination, reason: RouteReason, rule: String?, shadow: Bool) {
        self.destination = destination
        self.reason = reason
        self.rule = rule
        self.shadow = shadow
    }

    public var description: String {
        "\(destination) (\(reason)\(rule.map { ", rule \($0)" } ?? "")\(shadow ? ", shadowed" : ""))"
    }
}

/// A router, whoever wrote it.
public typealias RouteFunction = @Sendable (RouteRequest, MigrationPlan) throws -> RouteDecision
