import ArgumentParser
import Database
import LessonKit
import MonolithOrderExercise
import MonolithOrderKit
import WorkbookKit

/// `swift run monolith-order`: the shop's order as one database transaction, shown by a real run.
@main
struct MonolithOrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monolith-order",
        abstract: "Lesson 01 · the monolith's order transaction: reserve, charge, record — all or nothing.",
        // `bench` is hidden (it is `workbook bench`'s): the usage line does not offer a subcommand.
        usage: "monolith-order [<options>]",
        discussion: """
            Runs on an embedded in-memory SQLite database unless --database (or the DATABASE_URL \
            environment variable) names a SQLite file or a PostgreSQL server (postgres://…). \
            The shop's tables in that database are dropped and recreated by every act, if a \
            lesson made them: a table of those names that no lesson made stops the lesson, untouched. \
            On PostgreSQL the tables live in the schema lesson_01_monolith_order.
            """,
        subcommands: [Bench.self])

    @OptionGroup var options: LessonOptions<Self>

    @Option(parsing: .unconditional, help: "How many orders act 5 places to measure throughput and latency (1…1000000).")
    var orders = 2_000

    @Option(help: "A SQLite file path, :memory:, or a postgres:// URL (default: $DATABASE_URL, else :memory:).")
    var database: String?

    func validate() throws {
        guard (1...1_000_000).contains(orders) else {
            throw ValidationError("--orders must be between 1 and 1000000, got \(orders)")
        }
        if let database, database.isEmpty { throw ValidationError("--database needs a file path, :memory: or a postgres:// URL") }
    }

    func run() async throws {
        let narrator = Narrator()
        let implementation = options.implementation
        let placeOrder: PlaceOrder
        switch implementation {
        case .reference: placeOrder = Reference.placeOrder
        case .student: placeOrder = MonolithOrderExercise.placeOrder
        }
        let location = DatabaseLocation.chosen(option: database, environment: Terminal.environment(["DATABASE_URL"]))
        let stage = Stage(narrator: narrator, placeOrder: placeOrder, implementation: implementation, location: location)

        do {
            try stage.checkDatabase()
        } catch {
            Terminal.printError("monolith-order: \((error as? DatabaseError)?.message ?? String(describing: error))")
            if let remedy = location.remedy(for: error) { Terminal.printError(remedy) }
            throw ExitCode.failure
        }
        if implementation == .student, !stage.studentAttempted() {
            RecordedRun.show(narrator: narrator)
            narrator.say(Attempt.notAttemptedMessage(exercise: Exercise01.number, file: Exercise01.file))
            narrator.say("Write \(Exercise01.function) there, check it with `swift test`, then run `swift run monolith-order --mine` again.")
            narrator.say(Implementation.withoutMine(runs: "the reference solution"))
            return
        }

        narrator.title("Lesson 01 · The monolith's order transaction")
        narrator.say(
            "Running \(implementation == .student ? "your solution" : "the reference solution") on \(location)\(location.engine == .postgres ? ", schema \(Stage.schema)" : ""), \(BuildConfiguration.name) build."
        )
        stage.run(1, "A happy order, all in one transaction", actHappyOrder)
        stage.run(2, "Not enough stock on the second line", actInsufficientStock)
        stage.run(3, "Not enough money after the stock was reserved", actInsufficientFunds)
        stage.run(4, "The database fails half-way", actFailureHalfWay)
        stage.run(5, "What an order costs in-process", { try actMeasure($0, orders: orders, seed: options.seed) })
        stage.run(6, "Two checkouts, one keyboard left", actCheckThenAct)
        stage.run(7, "Money as binary floating point", actMoneyAsDouble)
        stage.run(8, "When the monolith breaks", actWhenItBreaks)
        try narrator.finish("monolith-order")
    }
}

extension MonolithOrderCommand: LessonOptionsHelp {
    static let mineHelp = "Run the acts on your own Exercises/01-monolith-order instead of the reference solution."
    static let seedHelp = "Seed for the generated shop and orders of act 5; the same seed gives the same run."
}
