import PrematureSplitKit
import ServiceKit
import Testing

/// The state of the standard shop before any order.
func initialSnapshot() async throws -> SplitSnapshot {
    try await SplitShop.inProcess(seed: .standard).state().snapshot
}

/// Checks that the run's calls are exactly `expected` ("service.operation → status"), in order.
func expectCalls(_ run: SagaRun, _ expected: [String], _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        run.callSequence == expected,
        "\(context): expected the calls\n  \(expected.joined(separator: "\n  "))\nyour saga made\n  \(run.callSequence.joined(separator: "\n  "))",
        sourceLocation: sourceLocation)
}

/// Checks that the three databases agree with each other.
func expectConsistent(_ run: SagaRun, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let audit = run.state.audit
    let found = audit.rows.filter { !$0.orders.isEmpty }.map { "\($0.kind): \($0.orders.joined(separator: ", "))" }
    #expect(audit.count == 0, "\(context): the audit of the three databases found \(found.joined(separator: "; "))", sourceLocation: sourceLocation)
}

/// Checks that the data — stock, balances, holds, charges, orders — equals `expected`.
func expectSnapshot(_ run: SagaRun, _ expected: SplitSnapshot, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let differences = run.state.snapshot.differences(from: expected)
    #expect(differences.isEmpty, "\(context): \(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// Checks the idempotency keys: every retry of a call reuses its key, different operations of
/// one order use different keys, and no key is shared by two orders.
func expectKeysDerivedFromOrders(_ run: SagaRun, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    var keysByCall: [String: Set<String>] = [:]
    for call in run.calls {
        keysByCall["\(call.service).\(call.operation)", default: []].insert(call.idempotencyKey ?? "(none)")
    }
    let missing = run.calls.filter { $0.idempotencyKey == nil }
    #expect(missing.isEmpty, "\(context): calls without an idempotency key: \(missing.map(\.description))", sourceLocation: sourceLocation)
    var owner: [String: String] = [:]
    for (call, keys) in keysByCall {
        for key in keys {
            if let other = owner[key], other != call {
                Issue.record("\(context): the key \(key) is used for both \(other) and \(call)", sourceLocation: sourceLocation)
            }
            owner[key] = call
        }
    }
}
