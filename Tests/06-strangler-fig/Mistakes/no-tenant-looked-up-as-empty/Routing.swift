// Mistake: a request without a tenant is looked up in the pins as the empty tenant
import StranglerFigKit

/// The tenant's rollout bucket, 1…100, the way Unleash's gradual rollout computes it: MurmurHash3
/// (x86, 32-bit, seed 0) of `"group:tenant"` in UTF-8, modulo 100, plus 1. A tenant is in a
/// rollout of p% when its bucket is at most p — so raising p only ever adds tenants.
///
/// Unleash's published vectors: tenant "123" in group "gr1" → 73; "999" in "groupX" → 25;
/// "61" in "Demo" → 10. Any string is a tenant or a group, the empty one and non-ASCII ones
/// included. Nothing here can fail: `throws` is there only so that the shipped stub can throw.
public func bucket(tenant: String, group: String) throws -> Int {
    Int(Murmur3.x86_32("\(group):\(tenant)") % 100) + 1
}

/// Decides where the facade sends a request, and why. The rules, first match wins:
/// 1. The kill switch is on → `.legacy`, `.killSwitch` (no rule, no shadow), whatever else the plan says.
/// 2. The rule whose prefix matches the path, the longest when several do (a prefix matches the
///    path itself and any path below it: `/payments` matches `/payments` and `/payments/fees`,
///    not `/paymentsx`; a prefix ending in `/` matches what starts with it). None → `.legacy`, `.noRule`.
/// 3. The tenant pinned in that rule → the pinned destination, `.pinned`.
/// 4. No tenant (`tenant == nil`; an empty string is a tenant like any other) → `.legacy`, `.noTenant`.
/// 5. Otherwise `bucket(tenant:group:)` with the rule's group: `.extracted` when the bucket is at
///    most the percentage, else `.legacy`; the reason is `.rollout(bucket:percentage:)`.
/// `rule` is the matching rule's prefix (steps 3–5), `nil` in steps 1–2. `shadow` is true if and
/// only if the decision is `.legacy` by steps 3–5 (pinned, no tenant or rollout alike), the rule
/// asks for shadowing, and the method is read-only: exactly `GET` or `HEAD` — HTTP methods are
/// case-sensitive, so `get` is not read-only.
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
    if let pinned = rule.pins[request.tenant ?? ""] {
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
