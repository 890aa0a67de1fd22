import CircuitBreakerExercise
import CircuitBreakerKit
import Testing
import WorkbookKit

#if canImport(CircuitBreakerSolution)
    import CircuitBreakerSolution
#endif

/// How exercise 05 is graded: every check runs against the reference breaker, and against the
/// student's once any of its entry points stops throwing `NotAttempted`.
enum Grading {
    static let file = "Exercises/05-circuit-breaker/CircuitBreaker.swift"

    static func studentAttempted() -> Bool {
        Attempt.isAttempted(breaker: Implementation.student.makeBreaker(.consecutive(1), ManualClock()))
    }

    static let implementations = Implementation.graded(studentAttempted: studentAttempted())
}

@Test(
    "Exercise 05 · your CircuitBreaker is attempted, and every check below runs against it too",
    .enabled(
        if: Attempt.noting(Grading.studentAttempted(), exercise: "05", file: Grading.file),
        Comment(rawValue: Attempt.notAttemptedMessage(exercise: "05", file: Grading.file))))
func exercise05Attempted() {}

extension Implementation {
    /// A new breaker of this implementation.
    func makeBreaker(_ settings: BreakerSettings, _ clock: any WorkbookClock) -> any Breaker {
        switch self {
        case .reference:
            #if canImport(CircuitBreakerSolution)
                CircuitBreakerSolution.CircuitBreaker(settings: settings, clock: clock)
            #else
                Implementation.heldOut()
            #endif
        case .student: CircuitBreakerExercise.CircuitBreaker(settings: settings, clock: clock)
        }
    }
}

extension BreakerSettings {
    /// Opens after `threshold` failures in a row; waits 10 s; `permitted` trial calls.
    static func consecutive(_ threshold: Int, permitted: Int = 1) -> BreakerSettings {
        BreakerSettings(trip: .consecutiveFailures(threshold), waitDuration: .seconds(10), permittedCallsInHalfOpen: permitted, classify: classifyTestErrors)
    }
}

/// The dependency failed: counts.
struct Boom: Error, Hashable {}
/// The caller's own mistake (a 404, a bad request): ignored.
struct NotFound: Error, Hashable {}

@Sendable func classifyTestErrors(_ error: any Error) -> ErrorVerdict {
    error is NotFound ? .ignored : .failure
}

/// What asking for a permit gave.
enum Admission: Hashable, CustomStringConvertible {
    case admitted
    case rejected(BreakerState, retryAfter: Duration?)
    case notAttempted(String)

    var description: String {
        switch self {
        case .admitted: "admitted"
        case .rejected(let state, let retryAfter): "rejected (\(state)\(retryAfter.map { ", retry after \($0)" } ?? ""))"
        case .notAttempted(let function): "not implemented yet: \(function)"
        }
    }
}

extension Breaker {
    /// Asks for a permit; answers what happened and the permit when there is one.
    func ask() -> (Admission, Permit?) {
        do {
            return (.admitted, try acquirePermission())
        } catch let rejection as CallNotPermitted {
            return (.rejected(rejection.state, retryAfter: rejection.retryAfter), nil)
        } catch {
            return (.notAttempted(String(describing: error)), nil)
        }
    }

    /// Asks for a permit and records `outcome` for it; answers the admission.
    @discardableResult
    func callOnce(_ outcome: CallOutcome) throws -> Admission {
        let (admission, permit) = ask()
        if let permit { try record(outcome, permit: permit) }
        return admission
    }
}
