import ArgumentParser
import CircuitBreakerExercise
import CircuitBreakerKit
import LessonKit
import WorkbookKit

/// `swift run circuit-breaker`: a flaky payment provider on loopback, and what stands between it
/// and checkout.
@main
struct CircuitBreakerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circuit-breaker",
        abstract: "Lesson 05 · the circuit breaker, with timeouts, retries, bulkheads and fallbacks.",
        // `bench` is hidden (it is `workbook bench`'s): the usage line does not offer a subcommand.
        usage: "circuit-breaker [<options>]",
        discussion: """
            Starts the shop's dependencies (a payment provider, auth, notifications, recommendations) \
            as HTTP servers on 127.0.0.1 inside this process and switches them between healthy, slow, \
            failing and down while checkouts run. Real sockets, real timeouts, the system clock.
            """,
        subcommands: [Bench.self])

    @OptionGroup var options: LessonOptions<Self>

    @Option(parsing: .unconditional, help: "How many checkouts the busy acts send (20…1000).")
    var requests = 100

    func validate() throws {
        guard (20...1_000).contains(requests) else { throw ValidationError("--requests must be between 20 and 1000, got \(requests)") }
    }

    func run() async throws {
        let narrator = Narrator()
        let implementation = options.implementation
        let makeBreaker: @Sendable (BreakerSettings) -> any Breaker
        switch implementation {
        case .reference: makeBreaker = { settings in Reference.makeBreaker(settings, clock: SystemClock()) }
        case .student: makeBreaker = { settings in CircuitBreakerExercise.CircuitBreaker(settings: settings, clock: SystemClock()) }
        }
        if implementation == .student, !Attempt.isAttempted(breaker: makeBreaker(BreakerSettings(trip: .consecutiveFailures(1), waitDuration: .seconds(1)))) {
            RecordedRun.show(narrator: narrator)
            narrator.say(Attempt.notAttemptedMessage(exercise: "05", file: "Exercises/05-circuit-breaker/CircuitBreaker.swift"))
            narrator.say("Write the breaker there, check it with `swift test`, then run `swift run circuit-breaker --mine` again.")
            narrator.say(Implementation.withoutMine(runs: "the reference breaker"))
            return
        }
        let stage = Stage(narrator: narrator, makeBreaker: makeBreaker, requests: requests, seed: options.seed)
        narrator.title("Lesson 05 · The circuit breaker")
        narrator.say(
            "Running \(implementation == .student ? "your breaker" : "the reference breaker"), \(requests) checkouts per busy act, seed \(options.seed), \(BuildConfiguration.name) build."
        )
        await stage.run(1, "No breaker: the provider goes slow", actNoBreaker)
        await stage.run(2, "The breaker: fail fast, fall back, recover", actBreaker)
        await stage.run(3, "Retries alone amplify the load", actRetries)
        await stage.run(4, "Bulkheads: slow notifications, starving auth", actBulkhead)
        await stage.run(5, "The half-open stampede", actStampede)
        await stage.run(6, "A 404 is not an outage", actWhatCounts)
        await stage.run(7, "Graceful degradation", actDegradation)
        try narrator.finish("circuit-breaker")
    }
}

extension CircuitBreakerCommand: LessonOptionsHelp {
    static let mineHelp = "Run the acts with your own Exercises/05-circuit-breaker instead of the reference breaker."
    static let seedHelp = "Seed for the retry jitter; the same seed gives the same pauses."
}
