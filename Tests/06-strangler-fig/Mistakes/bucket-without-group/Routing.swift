// Mistake: hashes the tenant alone, without the group
import StranglerFigKit

/// The tenant's rollout bucket, 1…100, the way Unleash's gradual rollout computes it: MurmurHash3
/// (x86, 32-bit, seed 0) of `"group:tenant"` in UTF-8, modulo 100, plus 1. A tenant is in a
/// rollout of p% when its bucket is at most p — so raising p only ever adds tenants.
///
/// Unleash's published vectors: tenant "123" in group "gr1" → 73; "999" in "groupX" → 25;
/// "61" in "Demo" → 10.
public func bucket(tenant: String, group: String) throws -> Int {
    Int(Murmur3.x86_32(tenant) % 100) + 1
}

/// Decides where the facade sends a request, and why. The rules, first match wins:
/// 1. The kill switch is on → `.legacy`, `.killSwitch` (no rule, no shadow), whatever else the plan says.
/// 2. The rule whose prefix matches the path, the longest when several do (a prefix matches the
///    path itself and any path below it: `/payments` matches `/payments` and `/payments/fees`,
///    not `/paymentsx`; a prefix ending in `/` matches what starts with it). None → `.legacy`, `.noRule`.
/// 3. The tenant pinned in that rule → the pinned destination, `.pinned`.
/// 4. No tenant → `.legacy`, `.noTenant`.
/// 5. Otherwise `bucket(tenant:group:)` with the rule's group: `.extracted` when the bucket is at
///    most the percentage, else `.legacy`; the reason is `.rollout(bucket:percentage:)`.
/// `rule` is the matching rule's prefix (steps 3–5). `shadow` is true only when the decision is
/// `.legacy`, the rule asks for shadowing, and the method is read-only (GET or HEAD).
public func route(_ request: RouteRequest, plan: MigrationPlan) throws -> RouteDecision {
    if plan.killSwitch { return RouteDecision(destination: .legacy, reason: .killSwitch, rule: nil, shadow: false) }
    func matches(_ prefix: String) -> Bool {
        request.path == prefix || request.path.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
    }
    guard let rule = plan.rules.filter({ matches($0.prefix) }).max(by: { $0.prefix.count < $1.prefix.count }) else {
        return RouteDecision(destination: .legacy, reason: .noRule, rule: nil, shadow: false)
    }
    let destination: Destination
    let reason: RouteReason
    if let tenant = request.tenant, let pinned = rule.pins[tenant] {
        (destination, reason) = (pinned, .pinned)
    } else if let tenant = request.tenant {
        let bucket = try bucket(tenant: tenant, group: rule.group)
        (destination, reason) = (bucket <= rule.percentage ? .extracted : .legacy, .rollout(bucket: bucket, percentage: rule.percentage))
    } else {
        (destination, reason) = (.legacy, .noTenant)
    }
    let readOnly = request.method == "GET" || request.method == "HEAD"
    return RouteDecision(destination: destination, reason: reason, rule: rule.prefix, shadow: destination == .legacy && rule.shadow && readOnly)
}
