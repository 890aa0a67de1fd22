import ArgumentParser
import WorkbookKit

/// What a lesson's `--help` says about the two options every lesson takes.
public protocol LessonOptionsHelp {
    /// Whose code `--mine` runs instead of the reference, in this lesson's words.
    static var mineHelp: String { get }
    /// What `--seed` decides in this lesson.
    static var seedHelp: String { get }
}

/// The options every lesson takes, declared once: `--mine` (run the student's exercise instead of
/// the reference solution) and `--seed` (what the acts generate; the same seed gives the same run).
/// A lesson writes `@OptionGroup var options: LessonOptions<Self>` and says in `LessonOptionsHelp`
/// what each one means for it.
public struct LessonOptions<Help: LessonOptionsHelp>: ParsableArguments {
    @Flag(help: ArgumentHelp(stringLiteral: Help.mineHelp))
    public var mine = false

    @Option(parsing: .unconditional, help: ArgumentHelp(stringLiteral: Help.seedHelp))
    public var seed: UInt64 = 1

    public init() {}

    /// Whose code the acts run: the student's with `--mine` (or always, in the student edition,
    /// which holds the reference out), the reference solution otherwise.
    public var implementation: Implementation { .lesson(mine: mine) }
}
