import StranglerFigKit
import WorkbookKit

/// The tenant's rollout bucket, 1…100, the way Unleash's gradual rollout computes it: MurmurHash3
/// (x86, 32-bit, seed 0) of `"group:tenant"` in UTF-8, modulo 100, plus 1. A tenant is in a
/// rollout of p% when its bucket is at most p — so raising p only ever adds tenants.
///
/// Unleash's published vectors: tenant "123" in group "gr1" → 73; "999" in "groupX" → 25;
/// "61" in "Demo" → 10. Any string is a tenant or a group, the empty one and non-ASCII ones
/// included. Nothing here can fail: `throws` is there only so that the shipped stub can throw.
public func bucket(tenant: String, group: String) throws -> Int {
    // TODO: Hash "group:tenant" with Murmur3.x86_32 (seed 0), take it modulo 100, add 1.
    throw NotAttempted(function: "bucket(tenant:group:)", file: "Exercises/06-strangler-fig/Routing.swift")
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
    // TODO: 1. The kill switch wins over everything.
    // TODO: 2. Find the rule with the longest matching prefix (whole path segments); none → legacy.
    // TODO: 3. A pinned tenant goes where it is pinned; no tenant → legacy.
    // TODO: 4. Otherwise compare the tenant's bucket with the rule's percentage.
    // TODO: 5. Shadow only read-only requests that go to legacy, when the rule asks for it.
    throw NotAttempted(function: "route(_:plan:)", file: "Exercises/06-strangler-fig/Routing.swift")
}
