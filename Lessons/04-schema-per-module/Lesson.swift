import ArgumentParser
import Database
import LessonKit
import SchemaPerModuleExercise
import SchemaPerModuleKit
import WorkbookKit

/// `swift run schema-per-module`: a modular monolith whose boundaries the database enforces.
@main
struct SchemaPerModuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-per-module",
        abstract: "Lesson 04 · schema per module: a modular monolith whose boundaries the database itself enforces.",
        discussion: """
            Runs on SQLite, one attached database file per module, in a temporary directory (or in \
            the directory --database DIR names, kept afterwards; a directory this lesson did not make \
            must be empty), unless --database (or DATABASE_URL) names a PostgreSQL server (postgres://…), where each module \
            gets a schema and a role of its own in a scratch database that is dropped at the end. \
            The connecting user must be allowed to create databases and roles.
            """)

    @OptionGroup var options: LessonOptions<Self>

    @Option(help: "A directory for the SQLite module files, :memory: (a temporary directory), or a postgres:// URL (default: $DATABASE_URL, else :memory:).")
    var database: String?

    func validate() throws {
        if let database, database.isEmpty { throw ValidationError("--database needs a directory, :memory: or a postgres:// URL") }
    }

    func run() async throws {
        let narrator = Narrator()
        let location = DatabaseLocation.chosen(option: database, environment: Terminal.environment(["DATABASE_URL"]))
        let stage = Stage(narrator: narrator, billing: options.implementation, location: location, seed: options.seed)
        // Each act, and the probe before them, drops its scratch databases and roles (or removes
        // its module files) when it ends; after Ctrl-C the act under way ends first, and no other
        // starts.
        try await Interruption.run(
            "schema-per-module",
            {
                do {
                    _ = try ModularDatabase(at: location)
                } catch {
                    Terminal.printError("schema-per-module: \((error as? DatabaseError)?.message ?? String(describing: error))")
                    if let remedy = location.remedy(for: error) { Terminal.printError(remedy) }
                    throw ExitCode.failure
                }
                if stage.billing == .student, !stage.functions.isAttempted {
                    RecordedRun.show(narrator: narrator)
                    narrator.say(Attempt.notAttemptedMessage(exercise: "04", file: "Exercises/04-schema-per-module/Billing.swift"))
                    narrator.say("Write billing's functions there, check them with `swift test`, then run `swift run schema-per-module --mine` again.")
                    narrator.say(Implementation.withoutMine(runs: "the reference billing module"))
                    return
                }
                let heading =
                    "Running \(stage.billing == .student ? "your billing module" : "the reference billing module") on \(location), \(BuildConfiguration.name) build."
                narrator.title("Lesson 04 · Schema per module")
                narrator.say(heading)
                stage.run(1, "The shared-database tangle", actTangle)
                stage.run(2, "A schema per module, a public API between them", actSchemaPerModule)
                stage.run(3, "The database enforces the boundary", actDatabaseEnforces)
                stage.run(4, "The compiler enforces it too", actCompilerEnforces)
                stage.run(5, "Ready to extract: billing in a database of its own", actExtraction)
                stage.run(6, "When to choose a modular monolith", actWhenToUse)
                try narrator.finish("schema-per-module")
            }, cleanup: {})
    }
}

extension SchemaPerModuleCommand: LessonOptionsHelp {
    static let mineHelp = "Run the acts on your own Exercises/04-schema-per-module instead of the reference billing module."
    static let seedHelp = "Seed for the charges the acts record; the same seed gives the same run."
}
