import ArgumentParser
import Database
import LessonKit
import PrematureSplitExercise
import PrematureSplitKit
import ServiceKit
import Tracing
import WorkbookKit

/// `swift run premature-split`: the shop's order split into three services, shown by real runs.
@main
struct PrematureSplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "premature-split",
        abstract: "Lesson 02 · the premature microservice split: the same order over three HTTP services.",
        subcommands: [Tour.self, Serve.self, ChargeCall.self, Bench.self],
        defaultSubcommand: Tour.self)
}

/// The lesson itself: eight acts.
struct Tour: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Run the lesson's acts (the default).",
        discussion: """
            Starts inventory, orders and payments as three child processes of this one, each a \
            Hummingbird server on 127.0.0.1 with its own SQLite file in a temporary folder, and \
            stops them when the lesson ends (Ctrl-C included). --in-process runs the servers inside \
            this process instead: the same HTTP on loopback, without child processes.
            """)

    @OptionGroup var options: LessonOptions<Self>

    @Option(parsing: .unconditional, help: "How many orders each act places (1…5000).")
    var orders = 100

    @Option(name: .customLong("fault-rate"), parsing: .unconditional, help: "The share of calls, in acts 2 and 3, that meet a fault (0…0.5).")
    var faultRate = 0.1

    @Flag(name: .customLong("in-process"), help: "Run the three servers inside this process instead of as child processes.")
    var inProcess = false

    func validate() throws {
        guard (1...5_000).contains(orders) else { throw ValidationError("--orders must be between 1 and 5000, got \(orders)") }
        guard (0...0.5).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 0.5, got \(faultRate)") }
    }

    func run() async throws {
        // Before any HTTP client exists (AsyncHTTPClient takes the tracer when one is made):
        // every call then carries a traceparent header, and every process records its spans.
        InstrumentationSystem.bootstrap(SpanRecorder(service: "checkout"))
        let narrator = Narrator()
        let implementation = options.implementation
        let saga: SagaOrchestrator
        switch implementation {
        case .reference: saga = Reference.saga
        case .student: saga = PrematureSplitExercise.placeOrderSaga
        }
        if implementation == .student, await !Attempt.isAttempted(saga: saga) {
            RecordedRun.show(narrator: narrator)
            narrator.say(Attempt.notAttemptedMessage(exercise: "02", file: "Exercises/02-premature-split/OrderSaga.swift"))
            narrator.say("Write placeOrderSaga(_:services:policy:) there, check it with `swift test`, then run `swift run premature-split --mine` again.")
            narrator.say(Implementation.withoutMine(runs: "the reference solution"))
            return
        }
        let stage: Stage
        do {
            stage = try Stage(
                narrator: narrator, saga: saga, implementation: implementation, orders: orders, seed: options.seed, faultRate: faultRate,
                placement: inProcess ? .inProcess : .processes)
        } catch {
            Terminal.printError("premature-split: \(error)")
            throw ExitCode.failure
        }
        let heading =
            "Running \(implementation == .student ? "your saga" : "the reference saga"), \(orders) orders per act, seed \(options.seed), services \(inProcess ? "inside this process" : "as child processes"), \(BuildConfiguration.name) build."
        try await Interruption.run(
            "premature-split",
            {
                narrator.title("Lesson 02 · The premature microservice split")
                narrator.say(heading)
                if let url = Terminal.environment(["DATABASE_URL"])["DATABASE_URL"], !url.isEmpty {
                    narrator.say(
                        "DATABASE_URL is set, and this lesson does not use it: its three services each keep a SQLite file of their own, a database per service, made and removed by the run. To put one service on \(DatabaseLocation(url)), run it alone: `premature-split serve payments --database URL`."
                    )
                }
                await stage.run(1, "The same order, over the network", actNetwork)
                await stage.run(2, "Partial failure, handled the naive way", actNaive)
                await stage.run(3, "The saga: compensations, retries, idempotency keys", actSaga)
                await stage.run(4, "Kill the payments process mid-run", actKill)
                await stage.run(5, "One order, followed across the services", actTrace)
                await stage.run(6, "Teams and boundaries: split by layer or by domain", actBoundaries)
                await stage.run(7, "REST, gRPC or a queue: the same charge three ways", actDoors)
                await stage.run(8, "The verdict", actVerdict)
                try narrator.finish("premature-split")
            }, cleanup: { await stage.cleanUp() })
    }
}

extension Tour: LessonOptionsHelp {
    static let mineHelp = "Run the saga acts on your own Exercises/02-premature-split instead of the reference solution."
    static let seedHelp = "Seed for the generated orders and the faults; the same seed gives the same faults."
}
