import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookSite
@testable import WorkbookTemplate

@Suite("The course site, made from the lessons' own files")
struct SiteTests {
    static let readme = """
        # Lesson 09 · A title

        > The scenario.

        ## What you will be able to do

        ```python
        ## not a heading: it is in a code block
        ```

        ## The pain
        p
        ## Run it
        r
        ## The pattern
        ```mermaid
        flowchart LR
        ```
        ## The cost
        c
        ## When not to strangle
        w
        ## The exercise
        See [the file](../../Exercises/09-x/File.swift) and [the site](https://example.com).
        ## Questions

        1. Open one?

        **Check yourself.** Choose.

        2. Which is
           right?
           - This one.
           - That
             one.

           <details><summary>Answers</summary>

           - Right: because.
           - Not quite: because
             not.

           </details>

        ## The decision record
        d
        """

    @Test("sections are found by heading, outside code blocks; the opening is the text before them")
    func sections() {
        let text = LessonText(Self.readme)
        #expect(text.opening == "> The scenario.")
        #expect(text.sections.map(\.heading).count == 9)
        #expect(text.section("What you will be able to do")?.body.contains("## not a heading") == true)
        #expect(text.section("When not to")?.heading == "When not to strangle")
        #expect(text.missing.isEmpty)
        #expect(text.openQuestions() == "1. Open one?")
    }

    @Test("a missing section, and a quiz with a missing answer or no right one, are each named")
    func missing() {
        let noCost = LessonText(Self.readme.replacingOccurrences(of: "## The cost\nc\n", with: ""))
        #expect(noCost.missing == ["a \"## The cost…\" section"])
        let noQuiz = LessonText(Self.readme.replacingOccurrences(of: "**Check yourself.**", with: "**Also.**"))
        #expect(noQuiz.missing == ["a **Check yourself.** block of questions with choices"])
        let short = LessonText(Self.readme.replacingOccurrences(of: "   - Not quite: because\n     not.\n", with: ""))
        #expect(short.missing.first?.contains("has 2 choices and 1 answers") == true)
        let noneRight = LessonText(Self.readme.replacingOccurrences(of: "- Right: because.", with: "- Not quite: because."))
        #expect(noneRight.missing.first?.contains(#"has no "Right: " answer"#) == true)
        let unmarked = LessonText(Self.readme.replacingOccurrences(of: "- Right: because.", with: "- Yes: because."))
        #expect(unmarked.missing.first?.contains(#"neither "Right: " nor "Not quite: ""#) == true)
    }

    @Test("the quiz: question and choices with their continuation lines, each answer's verdict and reason")
    func quiz() throws {
        let questions = try LessonText.quiz(in: LessonText(Self.readme).section("Questions")!.body)
        #expect(
            questions == [
                .init(
                    text: "Which is right?",
                    choices: [.init(text: "This one.", correct: true, why: "because."), .init(text: "That one.", correct: false, why: "because not.")])
            ])
    }

    @Test("code steps: the stub, then each stubbed function filled from the solution, with its TODOs as the text")
    func steps() throws {
        let stub = """
            /// Doc.
            public func first() throws -> Int {
                // TODO: 1. Add one
                //          to zero.
                throw NotAttempted(function: "first()", file: "F.swift")
            }

            func helper() -> Int { 1 }

            public func second(_ x: Int) throws -> Int {
                throw NotAttempted(function: "second(_:)", file: "F.swift")
            }
            """
        let solution = """
            /// Doc.
            public func first() throws -> Int {
                func inner() -> Int { 0 }
                return inner() + 1
            }

            func helper() -> Int { 1 }

            public func second(_ x: Int) throws -> Int {
                x * 2
            }
            """
        let steps = try ExerciseSteps.steps(stub: stub, solution: solution, file: "F.swift")
        #expect(steps.count == 3)
        #expect(steps[0].code == stub)
        #expect(steps[1].text == "`first`, done: 1. Add one to zero.")
        #expect(steps[1].code.contains("return inner() + 1") && steps[1].code.contains(#"throw NotAttempted(function: "second(_:)""#))
        #expect(steps[2].text == "`second`, done.")
        #expect(steps[2].code == solution)
        #expect(throws: UsageError.self) { try ExerciseSteps.steps(stub: stub, solution: "func only() {}", file: "F.swift") }

        // The students' site: the same steps, every one showing the stub, none of the solution.
        let students = try ExerciseSteps.steps(stub: stub, solution: solution, file: "F.swift", withSolutions: false)
        #expect(students.count == 3)
        #expect(students.allSatisfy { $0.code == stub && !$0.code.contains("return inner() + 1") && !$0.code.contains("x * 2") })
        #expect(students[1].text == "`first`, to do: 1. Add one to zero.")
        #expect(students[2].text == "`second`, to do.")
    }

    @Test("markdown for DocC: links into the workbook become paths, @ lines are escaped, Mermaid stays source with a note")
    func markdown() {
        let text = SiteMarkdown.convert(
            "See [the file](../../Exercises/09-x/File.swift), [web](https://x.org/a) and [here](#top).\n@Test(\"x\")\n```mermaid\n[a](b)\n```",
            at: "Lessons/09-x")
        #expect(text.contains("See the file (`Exercises/09-x/File.swift`), [web](https://x.org/a) and [here](#top)."))
        #expect(text.contains("\n\\@Test(\"x\")\n"))
        #expect(text.contains(SiteMarkdown.mermaidNote + "\n\n```mermaid\n[a](b)\n```"))
        #expect(SiteMarkdown.argument(#"say "hi""#) == "say 'hi'")
    }

    @Test("the catalogue has a page per lesson and per exercise, and is refused when a lesson text lacks a section")
    func catalogue() throws {
        let workbook = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        for part in ["Lessons", "Exercises", "Solutions", "course.md"] {
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: workbook.appendingPathComponent(part), to: copy.appendingPathComponent(part))
        }
        let catalog = try Catalog(root: copy)
        let docc = try CourseSite(catalog: catalog).writeCatalogue(in: copy.appendingPathComponent("out"))
        let pages = try FileManager.default.contentsOfDirectory(atPath: docc.path).filter { $0.hasSuffix(".tutorial") }
        #expect(pages.count == 1 + 2 * catalog.exercises.count)
        let exercise = try String(contentsOf: docc.appendingPathComponent("01-monolith-order-exercise.tutorial"), encoding: .utf8)
        #expect(exercise.contains(#"@Code(name: "PlaceOrder.swift", file: "01-step-0-PlaceOrder.swift")"#))
        let readme = copy.appendingPathComponent("Lessons/03-event-bus/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        try text.replacingOccurrences(of: "## The cost", with: "## What it costs").write(to: readme, atomically: true, encoding: .utf8)
        #expect {
            try CourseSite(catalog: catalog).writeCatalogue(in: copy.appendingPathComponent("out"))
        } throws: { error in
            "\(error)".contains("Lessons/03-event-bus/README.md lacks a \"## The cost…\" section")
        }
    }

    @Test("a new lesson from the template has every section the site needs, and a quiz")
    func template() throws {
        let lesson = Lesson(number: "07", slug: "07-template-check", title: "Template check")
        let readme = try #require(LessonTemplate(lesson: lesson).files["Lessons/07-template-check/README.md"])
        #expect(LessonText(readme).missing.isEmpty)
    }

    @Test("a title with quotes, a backslash and an interpolation stays text in the new lesson's Swift")
    func templateTitleQuoted() throws {
        let lesson = Lesson(number: "07", slug: "07-template-check", title: #"Say "hi" \(1 + 1) \ done"#)
        let code = try #require(LessonTemplate(lesson: lesson).files["Lessons/07-template-check/Lesson.swift"])
        #expect(code.contains(#"narrator.title("Lesson 07 · Say \"hi\" \\(1 + 1) \\ done")"#))
        #expect(code.contains(#"abstract: "Lesson 07 · Say \"hi\" \\(1 + 1) \\ done.")"#))
        #expect(!code.contains(#"· Say "hi""#))
    }

    /// CI lints a scaffolded lesson with `swift format lint --strict`, whose limit is 160 columns;
    /// this finds an over-long template line in seconds instead of at the end of CI.
    @Test("a new lesson from the template has no Swift line past the formatter's 160 columns")
    func templateLineLength() {
        let lesson = Lesson(number: "07", slug: "07-template-check", title: "Template check")
        let long = LessonTemplate(lesson: lesson).files
            .filter { $0.key.hasSuffix(".swift") }
            .flatMap { (path: String, text: String) -> [String] in
                let lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.indices.filter { lines[$0].count > 160 }.map { "\(path):\($0 + 1)" }
            }
        #expect(long.isEmpty, "lines past 160 columns: \(long.sorted())")
    }
}
