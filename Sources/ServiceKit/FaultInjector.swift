import WorkbookKit

/// Decides, call by call, which fault a service inflicts, following a plan that can be replaced
/// while the service runs. Counts what it injected.
public final class FaultInjector: Sendable {
    private struct State {
        var plan: FaultPlan
        var random: SeededRandom
        var scriptIndex = 0
        var injected: [Fault: Int] = [:]
        var calls = 0
    }

    private let state: Locked<State>

    public init(_ plan: FaultPlan = .healthy) {
        state = Locked(State(plan: plan, random: SeededRandom(seed: plan.seed)))
    }

    /// The plan now in force.
    public var plan: FaultPlan { state.withLock { $0.plan } }

    /// Replaces the plan; the script and the generator start again.
    public func replace(with plan: FaultPlan) {
        state.withLock { $0 = State(plan: plan, random: SeededRandom(seed: plan.seed), injected: $0.injected, calls: $0.calls) }
    }

    /// The fault for the next call.
    public func next() -> Fault {
        state.withLock { state in
            let fault: Fault
            if state.scriptIndex < state.plan.script.count {
                fault = state.plan.script[state.scriptIndex]
                state.scriptIndex += 1
            } else if !state.plan.kinds.isEmpty, Double.random(in: 0..<1, using: &state.random) < state.plan.rate {
                fault = state.plan.kinds[Int.random(in: 0..<state.plan.kinds.count, using: &state.random)]
            } else {
                fault = .none
            }
            if fault != .none { state.injected[fault, default: 0] += 1 }
            state.calls += 1
            return fault
        }
    }

    /// How many calls arrived so far, faulty or not.
    public var calls: Int { state.withLock { $0.calls } }

    /// How many times each fault was injected so far.
    public var injected: [Fault: Int] { state.withLock { $0.injected } }
}
