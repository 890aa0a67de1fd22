import StranglerFigKit
import Testing
import WorkbookKit

/// Hand-written plans and requests: each rule of the routing decision, and the bucketing.
@Suite("Exercise 06 · the routing decision")
struct SpecificationChecks {
    @Test("buckets agree with Unleash's published vectors", arguments: Grading.implementations)
    func unleashVectors(_ implementation: Implementation) throws {
        for (tenant, group, expected) in [("123", "gr1", 73), ("999", "groupX", 25), ("61", "Demo", 10)] {
            let bucket = try implementation.bucket(tenant, group)
            #expect(bucket == expected, "tenant \"\(tenant)\" in group \"\(group)\": Unleash says \(expected), yours \(bucket)")
        }
    }

    @Test("the longest matching prefix decides, segment by segment", arguments: Grading.implementations)
    func longestPrefix(_ implementation: Implementation) throws {
        let plan = MigrationPlan(rules: [
            RouteRule(prefix: "/payments", percentage: 0),
            RouteRule(prefix: "/payments/fees", percentage: 100),
            RouteRule(prefix: "/", percentage: 0, shadow: true),
        ])
        let cases: [(RouteRequest, Destination, String?)] = [
            (get("/payments/fees"), .extracted, "/payments/fees"),
            (get("/payments/fees/eur"), .extracted, "/payments/fees"),
            (get("/payments/charges"), .legacy, "/payments"),
            (get("/payments"), .legacy, "/payments"),
            (get("/paymentsx"), .legacy, "/"),
            (get("/catalog"), .legacy, "/"),
        ]
        for (request, destination, rule) in cases {
            let decision = try implementation.route(request, plan)
            #expect(
                decision.destination == destination && decision.rule == rule,
                "\(request): expected \(destination) by rule \(rule ?? "none"), got \(decision)")
        }
        let unmatched = try implementation.route(get("/catalog"), MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100)]))
        #expect(unmatched == RouteDecision(destination: .legacy, reason: .noRule, rule: nil, shadow: false), "no rule matches /catalog: got \(unmatched)")
    }

    @Test("a pin beats the percentage; the kill switch beats everything, pins included", arguments: Grading.implementations)
    func precedence(_ implementation: Implementation) throws {
        let rule = RouteRule(prefix: "/payments", pins: ["t-beta": .extracted, "t-wait": .legacy], percentage: 100)
        var plan = MigrationPlan(rules: [rule])
        do {
            let yours = try implementation.route(get("/payments/fees", "t-wait"), plan)
            #expect(yours == RouteDecision(destination: .legacy, reason: .pinned, rule: "/payments", shadow: false))
        }
        plan.rules[0].percentage = 0
        do {
            let yours = try implementation.route(get("/payments/fees", "t-beta"), plan)
            #expect(yours == RouteDecision(destination: .extracted, reason: .pinned, rule: "/payments", shadow: false))
        }
        plan.killSwitch = true
        for tenant in ["t-beta", "t-wait", "t-1"] {
            let decision = try implementation.route(get("/payments/fees", tenant), plan)
            #expect(
                decision == RouteDecision(destination: .legacy, reason: .killSwitch, rule: nil, shadow: false),
                "kill switch on, tenant \(tenant): got \(decision)")
        }
    }

    @Test("percentages: 0% keeps everyone, 100% moves everyone, in between by bucket; no tenant stays", arguments: Grading.implementations)
    func percentages(_ implementation: Implementation) throws {
        let tenants = (1...200).map { "t-\($0)" }
        for percentage in [0, 100] {
            let plan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: percentage)])
            let moved = try tenants.filter { try implementation.route(get("/payments", $0), plan).destination == .extracted }.count
            #expect(moved == (percentage == 100 ? 200 : 0), "\(percentage)%: \(moved) of 200 tenants on the extracted service")
        }
        let canary = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 10, group: "gr1")])
        let decision = try implementation.route(get("/payments", "123"), canary)
        #expect(decision == RouteDecision(destination: .legacy, reason: .rollout(bucket: 73, percentage: 10), rule: "/payments", shadow: false))
        let nobody = try implementation.route(get("/payments", nil), MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100)]))
        #expect(nobody == RouteDecision(destination: .legacy, reason: .noTenant, rule: "/payments", shadow: false), "a request without a tenant: got \(nobody)")
    }

    @Test("shadow only read-only requests that go to legacy", arguments: Grading.implementations)
    func shadowing(_ implementation: Implementation) throws {
        let legacyPlan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 0, shadow: true)])
        #expect(try implementation.route(get("/payments/fees"), legacyPlan).shadow, "GET to legacy with a shadow rule")
        #expect(try implementation.route(RouteRequest(method: "HEAD", path: "/payments/fees", tenant: "t-1"), legacyPlan).shadow, "HEAD is read-only too")
        #expect(try !implementation.route(post("/payments/charges"), legacyPlan).shadow, "a POST moves money: never run it twice")
        let movedPlan = MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: 100, shadow: true)])
        #expect(try !implementation.route(get("/payments/fees"), movedPlan).shadow, "already on the extracted service: nothing to compare with")
        #expect(
            try !implementation.route(get("/payments/fees"), MigrationPlan(killSwitch: true, rules: legacyPlan.rules)).shadow,
            "the kill switch means no extracted calls at all")
    }
}
