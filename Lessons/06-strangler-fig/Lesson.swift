import ArgumentParser
import LessonKit
import ServiceKit
import StranglerFigExercise
import StranglerFigKit
import WorkbookKit

/// `swift run strangler-fig`: payments leaves the monolith one tenant at a time.
@main
struct StranglerFigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strangler-fig",
        abstract: "Lesson 06 · strangler fig routing: extract payments behind a facade, tenant by tenant.",
        subcommands: [Tour.self, Serve.self, Bench.self],
        defaultSubcommand: Tour.self)
}

/// The router the facade uses: the reference, or the student's with `--mine`.
func chosenRouter(_ implementation: Implementation) -> RouteFunction {
    switch implementation {
    case .reference: Reference.route
    case .student: { request, plan in try StranglerFigExercise.route(request, plan: plan) }
    }
}

/// The lesson itself: six acts.
struct Tour: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Run the lesson's acts (the default).",
        discussion: """
            Starts the legacy shop, the extracted payments service and the routing facade as three \
            child processes of this one (HTTP on 127.0.0.1), and stops them when the lesson ends. \
            --in-process runs the three servers inside this process instead.
            """)

    @OptionGroup var options: LessonOptions<Self>

    @Option(parsing: .unconditional, help: "How many requests each act sends (40…5000).")
    var requests = 400

    @Flag(name: .customLong("in-process"), help: "Run the three servers inside this process instead of as child processes.")
    var inProcess = false

    func validate() throws {
        guard (40...5_000).contains(requests) else { throw ValidationError("--requests must be between 40 and 5000, got \(requests)") }
    }

    func run() async throws {
        let narrator = Narrator()
        let implementation = options.implementation
        if implementation == .student,
            !Attempt.isAttempted(route: chosenRouter(.student), bucket: { tenant, group in try StranglerFigExercise.bucket(tenant: tenant, group: group) })
        {
            RecordedRun.show(narrator: narrator)
            narrator.say(Attempt.notAttemptedMessage(exercise: "06", file: "Exercises/06-strangler-fig/Routing.swift"))
            narrator.say("Write route(_:plan:) and bucket(tenant:group:) there, check them with `swift test`, then run `swift run strangler-fig --mine` again.")
            narrator.say(Implementation.withoutMine(runs: "the reference router"))
            return
        }
        let stage = Stage(narrator: narrator, implementation: implementation, seed: options.seed, requests: requests, inProcess: inProcess)
        let migration = try Migration(stage: stage)
        let heading =
            "Routing with \(implementation == .student ? "your router" : "the reference router"), \(requests) requests per act, seed \(options.seed), servers \(inProcess ? "inside this process" : "as child processes"), \(BuildConfiguration.name) build."
        try await Interruption.run(
            "strangler-fig",
            {
                do {
                    try await migration.launchAll()
                } catch  where !Task.isCancelled {
                    Terminal.printError("strangler-fig: \(error)")
                    throw ExitCode.failure
                }
                narrator.title("Lesson 06 · Strangler fig routing")
                narrator.say(heading)
                await stage.run(1, "The facade goes in, 0% migrated", migration, actFacade)
                await stage.run(2, "Shadow traffic: compare before anyone depends on it", migration, actShadow)
                await stage.run(3, "Canary: 10%, 50%, 100% of tenants", migration, actCanary)
                await stage.run(4, "Rollback: the kill switch, mid-traffic", migration, actRollback)
                await stage.run(5, "Retire the legacy route", migration, actRetire)
                await stage.run(6, "The contract between the shop and payments", migration, actContract)
                try narrator.finish("strangler-fig")
            }, cleanup: { await migration.stop() })
    }
}

extension Tour: LessonOptionsHelp {
    static let mineHelp = "Route with your own Exercises/06-strangler-fig instead of the reference router."
    static let seedHelp = "Seed for the generated traffic and the shadow's call order."
}
