import PrematureSplitKit

/// The saga's outcomes in the words a student reads, not the code's names.
enum Outcomes {
    static func describe(_ outcome: SagaOutcome) -> String {
        switch outcome {
        case .completed:
            "completed"
        case .compensated(let step, let reason):
            "undone: \(describe(step)) failed, \(describe(reason))"
        case .needsManualIntervention(let step, let reason, let unfinished):
            "needs a human: \(describe(step)) failed, \(describe(reason)), and undoing \(unfinished.map(describe).joined(separator: " and ")) failed too"
        }
    }

    static func describe(_ step: SagaStep) -> String {
        switch step {
        case .reserveStock: "reserving stock"
        case .recordOrder: "recording the order"
        case .chargePayment: "charging the payment"
        }
    }

    static func describe(_ failure: StepFailure) -> String {
        switch failure {
        case .refused: "refused (a 4xx: the service said no, e.g. not enough money)"
        case .errorBody: "a 200 with an error in its body"
        case .gaveUp: "still failing after every retry"
        }
    }
}
