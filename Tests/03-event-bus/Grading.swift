import EventBusExercise
import EventBusKit
import Testing
import WorkbookKit

#if canImport(EventBusSolution)
    import EventBusSolution
#endif

/// How exercise 03 is graded: every check runs against the reference bus, and against the
/// student's once any of its entry points stops throwing `NotAttempted`.
enum Grading {
    static let file = "Exercises/03-event-bus/ShopEventBus.swift"

    static func studentAttempted() async -> Bool {
        await Attempt.isAttempted(bus: EventBusExercise.ShopEventBus(clock: ImmediateClock(), retry: .standard))
    }

    static func implementations() async -> [Implementation] {
        Implementation.graded(studentAttempted: await studentAttempted())
    }
}

@Test(
    "Exercise 03 · your ShopEventBus is attempted, and every check below runs against it too",
    .enabled(Comment(rawValue: Attempt.notAttemptedMessage(exercise: "03", file: Grading.file))) {
        Attempt.noting(await Grading.studentAttempted(), exercise: "03", file: Grading.file)
    })
func exercise03Attempted() {}

extension Implementation {
    /// A new bus of this implementation; backoff waits run on `clock`.
    func makeBus(clock: any WorkbookClock = ImmediateClock(), retry: RetryPolicy = .fast) -> any EventBus {
        switch self {
        case .reference:
            #if canImport(EventBusSolution)
                EventBusSolution.ShopEventBus(clock: clock, retry: retry)
            #else
                Implementation.heldOut()
            #endif
        case .student: EventBusExercise.ShopEventBus(clock: clock, retry: retry)
        }
    }
}

extension RetryPolicy {
    /// Three attempts, 1 ms then 2 ms apart.
    static let fast = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(1))
}

/// The event most checks publish.
struct Ping: ShopEvent {
    static let typeName = "test.ping"
    static let version = 1
    let sequence: Int
}

/// A second event type, to check that subscribers get only their own type.
struct Pong: ShopEvent {
    static let typeName = "test.pong"
    static let version = 1
    let sequence: Int
}

func ping(_ sequence: Int, id: String? = nil) -> Envelope<Ping> {
    Envelope(id: EventID(id ?? "ping-\(sequence)"), occurredAt: .zero, event: Ping(sequence: sequence))
}

func pong(_ sequence: Int) -> Envelope<Pong> {
    Envelope(id: EventID("pong-\(sequence)"), occurredAt: .zero, event: Pong(sequence: sequence))
}
