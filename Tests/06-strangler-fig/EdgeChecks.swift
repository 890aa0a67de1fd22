import StranglerFigKit
import Testing
import WorkbookKit

/// Both sides of every edge the contract names: the bucket range's ends, the percentage at and
/// next to a bucket, the method's exact spelling, an empty tenant, and who is shadowed.
@Suite("Exercise 06 · the edges of the routing contract")
struct EdgeChecks {
    /// Tenants whose bucket in group "payments" is 1 and 100, the two ends of the range, and the
    /// empty tenant's bucket there: fixed vectors of the contract's hash, computed apart from the
    /// workbook (a Python MurmurHash3 that gives Unleash's published vectors). The checks below
    /// run on the reference too, which keeps them honest; and the student edition, which holds
    /// the reference out, has them as well.
    static let ends = (first: "t-168", last: "t-64")
    static let emptyTenantBucket = 48

    @Test("a bucket is within 1…100: both ends are reached and nothing outside them", arguments: Grading.implementations)
    func bucketRange(_ implementation: Implementation) throws {
        let (first, last) = Self.ends
        let low = try implementation.bucket(first, "payments")
        let high = try implementation.bucket(last, "payments")
        #expect(low == 1, "rule broken: buckets run 1…100\n  expected: 1\n  yours:    \(low)\n  input:    tenant \"\(first)\", group \"payments\"")
        #expect(high == 100, "rule broken: buckets run 1…100\n  expected: 100\n  yours:    \(high)\n  input:    tenant \"\(last)\", group \"payments\"")
        for tenant in ["", "tënant", "租户-7", String(repeating: "x", count: 1_000), "t-1 "] {
            let bucket = try implementation.bucket(tenant, "payments")
            #expect((1...100).contains(bucket), "rule broken: buckets run 1…100\n  yours: \(bucket)\n  input: tenant \"\(tenant)\"")
        }
    }

    @Test("a tenant moves when its bucket is at most the percentage: at it yes, one below no", arguments: Grading.implementations)
    func percentageEdge(_ implementation: Implementation) throws {
        // Unleash's vector: tenant "61" in group "Demo" has bucket 10.
        for (percentage, destination) in [(10, Destination.extracted), (9, .legacy), (11, .extracted)] {
            let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: percentage, group: "Demo")])
            let decision = try implementation.route(get("/payments", "61"), plan)
            let expected = RouteDecision(destination: destination, reason: .rollout(bucket: 10, percentage: percentage), rule: "/payments", shadow: false)
            #expect(
                decision == expected,
                "rule broken: extracted when the bucket is at most the percentage\n  expected: \(expected)\n  yours:    \(decision)\n  input:    tenant \"61\" (bucket 10 in group \"Demo\") at \(percentage)%"
            )
        }
        let (first, last) = Self.ends
        for (tenant, percentage, destination) in [(first, 0, Destination.legacy), (first, 1, .extracted), (last, 99, .legacy), (last, 100, .extracted)] {
            let decision = try implementation.route(get("/payments", tenant), MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: percentage)]))
            #expect(
                decision.destination == destination,
                "rule broken: extracted when the bucket is at most the percentage\n  expected: \(destination)\n  yours:    \(decision)\n  input:    tenant \"\(tenant)\" at \(percentage)%"
            )
        }
    }

    @Test("methods are read as sent: only GET and HEAD, in capitals, are read-only", arguments: Grading.implementations)
    func methodSpelling(_ implementation: Implementation) throws {
        let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0, shadow: true)])
        for (method, shadow) in [
            ("GET", true), ("HEAD", true), ("get", false), ("Head", false), ("POST", false), ("PUT", false), ("DELETE", false), ("PATCH", false),
            ("OPTIONS", false), ("", false),
        ] {
            let decision = try implementation.route(RouteRequest(method: method, path: "/payments/fees", tenant: "t-1"), plan)
            #expect(
                decision.shadow == shadow,
                "rule broken: shadow only GET and HEAD (methods are case-sensitive)\n  expected: shadow \(shadow)\n  yours:    \(decision)\n  input:    method \"\(method)\""
            )
        }
    }

    @Test("an empty tenant is a tenant; only a request without one is .noTenant", arguments: Grading.implementations)
    func emptyTenant(_ implementation: Implementation) throws {
        let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100)])
        let decision = try implementation.route(get("/payments", ""), plan)
        let bucket = Self.emptyTenantBucket
        let expected = RouteDecision(destination: .extracted, reason: .rollout(bucket: bucket, percentage: 100), rule: "/payments", shadow: false)
        #expect(decision == expected, "rule broken: only nil means no tenant\n  expected: \(expected)\n  yours:    \(decision)\n  input:    tenant \"\"")

        // A pin for the empty tenant pins that tenant, never a request that has none.
        let pinned = MigrationPlan(rules: [RouteRule(prefix: "/payments", pins: ["": .extracted], percentage: 0)])
        for (tenant, want) in [
            ("", RouteDecision(destination: .extracted, reason: .pinned, rule: "/payments", shadow: false)),
            (nil, RouteDecision(destination: .legacy, reason: .noTenant, rule: "/payments", shadow: false)),
        ] as [(String?, RouteDecision)] {
            let answer = try implementation.route(get("/payments", tenant), pinned)
            #expect(
                answer == want,
                "rule broken: a pin names a tenant; a request without one is .noTenant, not the pin of \"\"\n  expected: \(want)\n  yours:    \(answer)\n  input:    GET /payments, tenant \(tenant.map { "\"\($0)\"" } ?? "none"), pins [\"\": extracted]"
            )
        }
    }

    @Test(
        "every read-only request routed to legacy by a shadowing rule is shadowed: pinned, without a tenant, or by rollout", arguments: Grading.implementations)
    func shadowedLegacy(_ implementation: Implementation) throws {
        let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", pins: ["t-wait": .legacy, "t-beta": .extracted], percentage: 0, shadow: true)])
        for (tenant, shadow) in [("t-wait", true), (nil, true), ("t-1", true), ("t-beta", false)] as [(String?, Bool)] {
            let decision = try implementation.route(get("/payments/fees", tenant), plan)
            #expect(
                decision.shadow == shadow,
                "rule broken: shadow is true if and only if the decision is legacy, the rule shadows and the method is GET or HEAD\n  expected: shadow \(shadow)\n  yours:    \(decision)\n  input:    GET /payments/fees, tenant \(tenant.map { "\"\($0)\"" } ?? "none")"
            )
        }
    }

    @Test("a prefix that ends in / matches only below it, never the bare path", arguments: Grading.implementations)
    func trailingSlash(_ implementation: Implementation) throws {
        let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments/", percentage: 100)])
        for (path, rule) in [("/payments", nil), ("/payments/", "/payments/"), ("/payments/fees", "/payments/"), ("/paymentsx", nil)] as [(String, String?)] {
            let decision = try implementation.route(get(path), plan)
            #expect(
                decision.rule == rule,
                "rule broken: a prefix ending in / matches what starts with it\n  expected: rule \(rule ?? "none")\n  yours:    \(decision)\n  input:    GET \(path), prefix \"/payments/\""
            )
        }
        let both = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0), RouteRule(prefix: "/payments/", percentage: 100)])
        let decision = try implementation.route(get("/payments/fees"), both)
        #expect(
            decision.rule == "/payments/",
            "rule broken: the longest matching prefix wins\n  expected: rule /payments/\n  yours:    \(decision)\n  input:    GET /payments/fees, prefixes /payments and /payments/"
        )
    }
}
