import Database
import EventBusExercise
import EventBusKit
import LessonKit
import Shop
import WorkbookKit

/// What every act needs: the narrator, a way to make the bus under study, event ids, a database.
struct Stage: Sendable {
    /// On PostgreSQL, the outbox act's tables live in this schema, not beside yours in `public`.
    static let schema = "lesson_03_event_bus"
    let narrator: Narrator
    let implementation: Implementation
    let location: DatabaseLocation
    let seed: UInt64

    /// A new bus of the implementation under study.
    func makeBus(clock: any WorkbookClock = SystemClock(), retry: RetryPolicy = .standard) -> any EventBus {
        switch implementation {
        case .reference: Reference.makeBus(clock: clock, retry: retry)
        case .student: EventBusExercise.ShopEventBus(clock: clock, retry: retry)
        }
    }

    /// Whether the student's bus has moved past its stub.
    func studentAttempted() async -> Bool {
        await Attempt.isAttempted(bus: EventBusExercise.ShopEventBus(clock: ImmediateClock(), retry: .standard))
    }

    /// `count` "order placed" events with ids from the run's seed.
    func orders(_ count: Int, startingAt first: Int = 1, clock: any WorkbookClock = SystemClock()) -> [Envelope<OrderPlaced>] {
        var ids = EventIDs(seed: seed &+ UInt64(first))
        var random = SeededRandom(seed: seed &+ UInt64(first) &* 31)
        let customers: [CustomerID] = ["ada", "grace", "linus"]
        return (first..<(first + count)).map { number in
            Envelope(
                id: ids.next(), occurredAt: clock.now,
                event: OrderPlaced(
                    order: OrderID("order-\(number)"), customer: customers.randomElement(using: &random)!,
                    total: Cents(Int.random(in: 1_000...50_000, using: &random)), items: Int.random(in: 1...4, using: &random)))
        }
    }

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ act: (Stage) async throws -> Void) async {
        await narrator.act(number, title) { try await act(self) }
    }

    /// Opens the database and makes the outbox act's tables once, so that a bad path, or a
    /// table of those names that no lesson made, is reported before any act starts.
    func checkDatabase() throws {
        let database = try location.open(schema: Self.schema)
        try ShopSeed.standard.install(on: database)
        try Outbox.recreate(on: database)
    }
}
