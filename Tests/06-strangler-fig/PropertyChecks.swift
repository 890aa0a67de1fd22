import GradingKit
import PropertyBased
import StranglerFigKit
import Testing
import WorkbookKit

/// What any correct router does, whatever the plan; and the same decisions as the reference.
@Suite("Exercise 06 · generated plans and requests", .replaySeed)
struct PropertyChecks {
    /// The reference's decisions on 200 generated scenarios, for the student edition.
    static let recorded = RecordedOutcomes("same-as-reference")

    @Test("generated plans and requests: the same destination, reason, rule and shadow as the reference", arguments: Grading.implementations)
    func sameAsReference(_ implementation: Implementation) async throws {
        guard Implementation.referenceShipped else { return try Self.sameAsRecorded(implementation) }
        await propertyCheck(count: 400, input: RoutingScenario.generator) { scenario in
            do {
                for request in scenario.requests {
                    let decision = try implementation.route(request, scenario.plan)
                    let again = try implementation.route(request, scenario.plan)
                    #expect(decision == again, "the same request and plan must route the same way: \(request) went \(decision), then \(again)\n\(scenario)")
                    guard implementation == .student else { continue }
                    let expected = try Implementation.reference.route(request, scenario.plan)
                    #expect(decision == expected, "\(request): expected \(expected), yours \(decision)\n\(scenario)")
                }
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\n\(scenario)")
            }
        }
    }

    /// The student edition's form of the check above: the recorded scenarios, the reference's
    /// recorded decisions.
    static func sameAsRecorded(_ implementation: Implementation) throws {
        let expected = try recorded.outcomes()
        for (scenario, reference) in zip(RecordedOutcomes.inputs(RoutingScenario.generator, count: expected.count), expected) {
            let actual = decisions(of: scenario, on: implementation)
            let again = decisions(of: scenario, on: implementation)
            if let at = actual.indices.first(where: { actual[$0] != again[$0] }) {
                Issue.record("the same request and plan must route the same way: \(scenario.requests[at]) went \(actual[at]), then \(again[at])\n\(scenario)")
                return
            }
            if let at = actual.indices.first(where: { actual[$0] != reference[$0] }) {
                Issue.record("\(scenario.requests[at]): expected \(reference[at]), yours \(actual[at])\n\(scenario)")
                return
            }
        }
    }

    /// How `implementation` routes each of the scenario's requests, as a line each.
    static func decisions(of scenario: RoutingScenario, on implementation: Implementation) -> [String] {
        scenario.requests.map { request in
            do {
                return "\(try implementation.route(request, scenario.plan))"
            } catch {
                return "threw \(error)"
            }
        }
    }

    @Test("raising the percentage never moves a tenant from the extracted service back to legacy", arguments: Grading.implementations)
    func monotonic(_ implementation: Implementation) async throws {
        await propertyCheck(count: 200, input: zip(Gen.int(in: 0...100), Gen.int(in: 0...100), Gen.int(in: 0...9999), Gen.int(in: 0...3))) {
            low, high, tenantNumber, groupIndex in
            do {
                let (from, to) = (min(low, high), max(low, high))
                let group = ["payments", "gr1", "Demo", "groupX"][groupIndex]
                let tenant = "t-\(tenantNumber)"
                let before = try implementation.route(
                    get("/payments", tenant), MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: from, group: group)]))
                let after = try implementation.route(
                    get("/payments", tenant), MigrationPlan(rules: [RouteRule(prefix: "/payments", percentage: to, group: group)]))
                #expect(
                    !(before.destination == .extracted && after.destination == .legacy),
                    "tenant \(tenant) in group \(group): extracted at \(from)%, back to legacy at \(to)%")
            } catch {
                // PropertyBased counts only recorded issues: a thrown error would pass the run.
                Issue.record("threw \(error)\ninput: percentages \(low) and \(high), tenant t-\(tenantNumber), group \(groupIndex)")
            }
        }
    }
}

/// A generated plan and a few requests against it.
struct RoutingScenario: Sendable, CustomStringConvertible {
    var plan: MigrationPlan
    var requests: [RouteRequest]

    var description: String {
        "plan: kill switch \(plan.killSwitch ? "on" : "off")\n"
            + plan.rules.map { "  rule \($0.prefix): \($0.percentage)% of group \($0.group), pins \($0.pins), shadow \($0.shadow)" }.joined(separator: "\n")
            + "\nrequests: " + requests.map(\.description).joined(separator: "; ")
    }

    static let prefixes = ["/", "/payments", "/payments/", "/payments/fees", "/catalog", "/pay"]
    static let paths = ["/", "/payments", "/payments/fees", "/payments/fees/eur", "/payments/charges", "/paymentsx", "/catalog", "/pay/x", "/pay"]
    static let methods = ["GET", "POST", "HEAD", "PUT", "get", "Head", "DELETE", "PATCH", "OPTIONS"]
    static let groups = ["payments", "gr1", "Demo", ""]
    /// Tenants beyond "t-N": empty, non-ASCII, long, with a space.
    static let oddTenants = ["", "tënant", "租户-7", String(repeating: "x", count: 300), "t-1 "]

    static let generator = zip(
        Gen.int(in: 0...9),
        zip(Gen.int(in: 0...5), Gen.int(in: 0...100), Gen.int(in: 0...3), Gen.int(in: 0...1), Gen.int(in: 0...6)).array(of: 0...4),
        zip(Gen.int(in: 0...8), Gen.int(in: 0...8), Gen.int(in: 0...45)).array(of: 1...6)
    ).map { killCode, rules, requests in
        var plan = MigrationPlan(killSwitch: killCode == 0)
        var seen: Set<String> = []
        for (prefix, percentage, group, shadow, pinCode) in rules where seen.insert(prefixes[prefix]).inserted {
            let pins: [String: Destination] = pinCode < 2 ? ["t-\(pinCode + 1)": pinCode == 0 ? .extracted : .legacy] : [:]
            plan.rules.append(RouteRule(prefix: prefixes[prefix], pins: pins, percentage: percentage, group: groups[group], shadow: shadow == 1))
        }
        return RoutingScenario(
            plan: plan,
            requests: requests.map { method, path, tenant in
                RouteRequest(method: methods[method], path: paths[path], tenant: tenant == 0 ? nil : tenant > 40 ? oddTenants[tenant - 41] : "t-\(tenant)")
            })
    }
}

/// The recorded decisions are the reference's today (`RecordedOutcomes`): a check of the workbook,
/// which writes them anew with `WORKBOOK_RECORD` set.
@Suite("Exercise 06 · the reference's recorded decisions", NotInTheGrade.trait, .enabled(if: Implementation.referenceShipped))
struct RecordedDecisions {
    @Test("the recorded decisions are what the reference decides today")
    func current() throws {
        let count = 200
        let now = RecordedOutcomes.inputs(RoutingScenario.generator, count: count).map { PropertyChecks.decisions(of: $0, on: .reference) }
        if RecordedOutcomes.recording { try PropertyChecks.recorded.write(now) }
        #expect(
            try PropertyChecks.recorded.outcomes() == now,
            "Tests/06-strangler-fig/Recorded/same-as-reference.json is stale: WORKBOOK_RECORD=1 swift test --filter RecordedDecisions")
    }
}
