import WorkbookCatalog
import WorkbookGrading

/// The files of a new lesson, by path from the workbook's root: the smallest lesson that follows
/// every rule of the layout — a placeholder exercise (it doubles a number), its reference, one
/// graded check and one committed mistake that the check catches.
package struct LessonTemplate {
    package let lesson: Lesson

    package init(lesson: Lesson) { self.lesson = lesson }

    package var files: [String: String] {
        let p = lesson.modulePrefix
        let n = lesson.number
        let slug = lesson.slug
        let name = lesson.executable
        let exercise = "Exercises/\(slug)/Exercise.swift"
        // Inside a Swift string literal: a quote or a backslash (and so `\(…)`) stays text.
        let quoted = lesson.title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return [
            "Lessons/\(slug)/README.md": """
            # Lesson \(n) · \(lesson.title)

            What this lesson shows, in a run: `swift run \(name)`.

            ## What you will be able to do

            After this lesson you can:
            - say what the run shows, with its numbers (and add the same list to course.md).

            ## The pain

            A scenario from the running example: what goes wrong in the shop without the pattern.

            ## Run it

            `swift run \(name)`, and what to look for in each act.

            ## The pattern

            What the shop does instead, and why it holds.

            ## The cost

            | | without | with |
            |---|---|---|
            | what it costs | … | … |

            ## When not to use it

            The pressures under which the pattern is the wrong trade.

            ## The exercise

            Open `\(exercise)` and write `solve(_:)`; `swift test` grades it.

            ## Questions

            1. What does the run show that a description alone would not?

            **Check yourself.** One answer is best; the course site asks these as a quiz.

            2. What does `solve(_:)` return for 21?
               - 42.
               - 21.

               <details><summary>Answers</summary>

               - Right: it doubles its input.
               - Not quite: that is its input, unchanged.

               </details>

            ## The decision record

            **ADR-0\(n) · What the shop decides, in one line.**

            - **Status.** Proposed.
            - **Date.** The day it is decided.
            - **Deciders.** Who decides.
            - **Context.** What forces the decision, with the run's numbers.
            - **Decision.** What the shop will do.
            - **Consequences.** What it gains and what it gives up.
            - **Revisit when.** A measurable trigger.

            """,
            "Lessons/\(slug)/hints.md": """
            # Hints for exercise \(n)

            ## Hint 1
            Read the doc comment of `solve(_:)`: every clause of it is checked.

            """,
            "Lessons/\(slug)/Lesson.swift": """
            \(Self.imports("ArgumentParser", "LessonKit", p + "Exercise", p + "Kit", "WorkbookKit"))

            /// `swift run \(name)`: \(lesson.title).
            @main
            struct \(p)Command: AsyncParsableCommand {
                static let configuration = CommandConfiguration(commandName: "\(name)", abstract: "Lesson \(n) · \(quoted).")

                @OptionGroup var options: LessonOptions<Self>

                func run() async throws {
                    let narrator = Narrator()
                    let implementation = options.implementation
                    let solve: \(p)Function
                    switch implementation {
                    case .reference: solve = Reference.solve
                    case .student: solve = { try \(p)Exercise.solve($0) }
                    }
                    let stage = Stage(narrator: narrator, solve: solve)
                    if implementation == .student, !Attempt.isAttempted({ _ = try stage.solve(1) }) {
                        RecordedRun.show(narrator: narrator)
                        narrator.say(Attempt.notAttemptedMessage(exercise: "\(n)", file: "\(exercise)"))
                        narrator.say(Implementation.withoutMine(runs: "the reference solution"))
                        return
                    }
                    narrator.title("Lesson \(n) · \(quoted)")
                    stage.run(1, "The first act", actFirst)
                    try narrator.finish("\(name)")
                }
            }

            extension \(p)Command: LessonOptionsHelp {
                static let mineHelp = "Run the acts on your own \(exercise) instead of the reference solution."
                static let seedHelp = "Seed for what the acts generate; the same seed gives the same run."
            }

            """,
            "Lessons/\(slug)/Reference.swift": """
            \(Self.imports(p + "Kit", "WorkbookKit"))

            #if canImport(\(p)Solution)
                import \(p)Solution
            #endif

            /// The reference solution's entry point. The student edition holds Solutions/ out: there
            /// the lesson runs only the student's code, so this is never reached.
            enum Reference {
                static var solve: \(p)Function {
                    #if canImport(\(p)Solution)
                        { try \(p)Solution.solve($0) }
                    #else
                        Implementation.heldOut()
                    #endif
                }
            }

            """,
            "Lessons/\(slug)/smoke.json": """
            {
              "about": "CI runs the lesson briefly with each of these (.ci/lessons): every line listed under prints must appear in its output.",
              "runs": [
                {"args": [], "prints": ["solve(21) = 42"], "shows": "the first act ran"},
                {"args": ["--mine"], "prints": ["Exercise \(n) not attempted yet"], "shows": "a pointer to the exercise while it is not attempted"}
              ],
              "bad_flag": ["--nonsense"]
            }

            """,
            "Lessons/\(slug)/Stage.swift": """
            \(Self.imports("LessonKit", p + "Kit"))

            /// What every act needs.
            struct Stage {
                let narrator: Narrator
                let solve: \(p)Function

                /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
                func run(_ number: Int, _ title: String, _ act: (Stage) throws -> Void) {
                    narrator.act(number, title) { try act(self) }
                }
            }

            """,
            "Lessons/\(slug)/Act1.swift": """
            /// Act 1: the exercise at work.
            func actFirst(_ stage: Stage) throws {
                stage.narrator.ok("solve(21) = \\(try stage.solve(21))")
            }

            """,
            "Sources/\(p)Kit/\(p)Function.swift": """
            import WorkbookKit

            /// The shape of exercise \(n)'s entry point, so that a lesson or a test can hold either the
            /// reference or the student's implementation.
            public typealias \(p)Function = (Int) throws -> Int

            """,
            exercise: Self.exercise(p, body: ["// TODO: Return twice `value`.", "throw NotAttempted(function: \"solve(_:)\", file: \"\(exercise)\")"]),
            "Solutions/\(slug)/Exercise.swift": Self.exercise(p, body: ["value * 2"]),
            "Tests/\(slug)/Mistakes/adds-instead/Exercise.swift": Self.exercise(p, body: ["value + 2"]),
            "Tests/\(slug)/Grading.swift": """
            \(Self.imports(p + "Exercise", p + "Kit", "PropertyBased", "Testing", "WorkbookKit"))

            #if canImport(\(p)Solution)
                import \(p)Solution
            #endif

            /// How exercise \(n) is graded: every check runs against the reference, and against the
            /// student's once `solve` stops throwing `NotAttempted`.
            enum Grading {
                static let file = "\(exercise)"

                static func studentAttempted() -> Bool {
                    Attempt.isAttempted { _ = try Implementation.student.solve(1) }
                }

                static let implementations = Implementation.graded(studentAttempted: studentAttempted())
            }

            @Test(
                "Exercise \(n) · your solve is attempted, and every check below runs against it too",
                .enabled(
                    if: Attempt.noting(Grading.studentAttempted(), exercise: "\(n)", file: Grading.file),
                    Comment(rawValue: Attempt.notAttemptedMessage(exercise: "\(n)", file: Grading.file))))
            func exercise\(n)Attempted() {}

            extension Implementation {
                /// This implementation's entry point.
                var solve: \(p)Function {
                    switch self {
                    case .reference:
                        #if canImport(\(p)Solution)
                            \(p)Solution.solve
                        #else
                            Implementation.heldOut()
                        #endif
                    case .student: \(p)Exercise.solve
                    }
                }
            }

            """,
            "Tests/\(slug)/ContractChecks.swift": """
            import Testing
            import WorkbookKit

            @Suite("Exercise \(n) · the contract")
            struct ContractChecks {
                @Test("solve doubles its value", arguments: Grading.implementations)
                func doubles(_ implementation: Implementation) throws {
                    #expect(try implementation.solve(21) == 42)
                    #expect(try implementation.solve(-3) == -6)
                }
            }

            """,
            "Tests/\(slug)/CONTRACT.md": """
            # Exercise \(n) · the contract of `solve(_:)`, clause by clause

            | clause | checks | mistakes it catches |
            |---|---|---|
            | returns twice its value | contract › solve doubles its value | `adds-instead` |

            """,
        ]
    }

    /// Import lines in the order `swift format` keeps them (the prefix decides where its modules go).
    package static func imports(_ modules: String...) -> String {
        modules.sorted().map { "import \($0)" }.joined(separator: "\n")
    }

    /// The exercise file with `body` inside `solve`: the stub, the reference or a mistake.
    package static func exercise(_ prefix: String, body: [String]) -> String {
        let lines = [imports(prefix + "Kit", "WorkbookKit"), "", "/// Returns twice `value`.", "public func solve(_ value: Int) throws -> Int {"]
        return (lines + body.map { "    " + $0 } + ["}", ""]).joined(separator: "\n")
    }
}
