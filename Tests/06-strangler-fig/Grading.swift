import StranglerFigExercise
import StranglerFigKit
import Testing
import WorkbookKit

#if canImport(StranglerFigSolution)
    import StranglerFigSolution
#endif

/// How exercise 06 is graded: every check runs against the reference router, and against the
/// student's once either of its functions stops throwing `NotAttempted`.
enum Grading {
    static let file = "Exercises/06-strangler-fig/Routing.swift"

    static func studentAttempted() -> Bool {
        Attempt.isAttempted(route: StranglerFigExercise.route, bucket: StranglerFigExercise.bucket)
    }

    static let implementations = Implementation.graded(studentAttempted: studentAttempted())
}

@Test(
    "Exercise 06 · your router is attempted, and every check below runs against it too",
    .enabled(Comment(rawValue: Attempt.notAttemptedMessage(exercise: "06", file: Grading.file))) {
        Attempt.noting(Grading.studentAttempted(), exercise: "06", file: Grading.file)
    })
func exercise06Attempted() {}

extension Implementation {
    func route(_ request: RouteRequest, _ plan: MigrationPlan) throws -> RouteDecision {
        switch self {
        case .reference:
            #if canImport(StranglerFigSolution)
                try StranglerFigSolution.route(request, plan: plan)
            #else
                Implementation.heldOut()
            #endif
        case .student: try StranglerFigExercise.route(request, plan: plan)
        }
    }

    func bucket(_ tenant: String, _ group: String) throws -> Int {
        switch self {
        case .reference:
            #if canImport(StranglerFigSolution)
                try StranglerFigSolution.bucket(tenant: tenant, group: group)
            #else
                Implementation.heldOut()
            #endif
        case .student: try StranglerFigExercise.bucket(tenant: tenant, group: group)
        }
    }
}

func get(_ path: String, _ tenant: String? = "t-1") -> RouteRequest { RouteRequest(method: "GET", path: path, tenant: tenant) }
func post(_ path: String, _ tenant: String? = "t-1") -> RouteRequest { RouteRequest(method: "POST", path: path, tenant: tenant) }
