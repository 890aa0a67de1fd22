import ArgumentParser
import Database
import EventBusExercise
import EventBusKit
import LessonKit
import WorkbookKit

/// `swift run event-bus`: "this happened" instead of "do this", shown by a real run.
@main
struct EventBusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-bus",
        abstract: "Lesson 03 · the event bus: publish what happened, dead letters, idempotent consumers, the outbox.",
        // `bench` is hidden (it is `workbook bench`'s): the usage line does not offer a subcommand.
        usage: "event-bus [<options>]",
        discussion: """
            The outbox act runs on an embedded in-memory SQLite database unless --database (or the \
            DATABASE_URL environment variable) names a SQLite file or a PostgreSQL server (postgres://…).
            """,
        subcommands: [Bench.self])

    @OptionGroup var options: LessonOptions<Self>

    @Option(parsing: .unconditional, help: "How many events act 6 publishes to measure latency and throughput (10…100000).")
    var events = 1_000

    @Option(help: "A SQLite file path, :memory:, or a postgres:// URL for the outbox act (default: $DATABASE_URL, else :memory:).")
    var database: String?

    func validate() throws {
        guard (10...100_000).contains(events) else {
            throw ValidationError("--events must be between 10 and 100000, got \(events)")
        }
        if let database, database.isEmpty { throw ValidationError("--database needs a file path, :memory: or a postgres:// URL") }
    }

    func run() async throws {
        let narrator = Narrator()
        let location = DatabaseLocation.chosen(option: database, environment: Terminal.environment(["DATABASE_URL"]))
        let implementation = options.implementation
        let stage = Stage(narrator: narrator, implementation: implementation, location: location, seed: options.seed)
        do {
            try stage.checkDatabase()
        } catch {
            Terminal.printError("event-bus: \((error as? DatabaseError)?.message ?? String(describing: error))")
            if let remedy = location.remedy(for: error) { Terminal.printError(remedy) }
            throw ExitCode.failure
        }
        if implementation == .student, await !stage.studentAttempted() {
            RecordedRun.show(narrator: narrator)
            narrator.say(Attempt.notAttemptedMessage(exercise: "03", file: "Exercises/03-event-bus/ShopEventBus.swift"))
            narrator.say("Write ShopEventBus there, check it with `swift test`, then run `swift run event-bus --mine` again.")
            narrator.say(Implementation.withoutMine(runs: "the reference bus"))
            return
        }

        narrator.title("Lesson 03 · The event bus")
        narrator.say(
            "Running \(implementation == .student ? "your bus" : "the reference bus"), \(BuildConfiguration.name) build; the outbox on \(location)\(location.engine == .postgres ? ", schema \(Stage.schema)" : "")."
        )
        await stage.run(1, "\"Do this\": checkout calls every consumer", actDoThis)
        await stage.run(2, "\"This happened\": checkout publishes, consumers subscribe", actThisHappened)
        await stage.run(3, "A poison event: retries, dead letters, replay", actPoisonEvent)
        await stage.run(4, "The same event twice", actDuplicates)
        await stage.run(5, "Lost events, and the outbox", actOutbox)
        await stage.run(6, "Lag and throughput, next to a polling bus", { try await actMeasure($0, events: events) })
        await stage.run(7, "When not to use events", actWhenNot)
        try narrator.finish("event-bus")
    }
}

extension EventBusCommand: LessonOptionsHelp {
    static let mineHelp = "Run the acts on your own Exercises/03-event-bus instead of the reference bus."
    static let seedHelp = "Seed for event ids and generated orders; the same seed gives the same run."
}
