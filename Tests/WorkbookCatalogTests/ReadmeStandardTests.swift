import Testing

@testable import WorkbookCatalog

@Suite("Lesson texts to one standard")
struct ReadmeStandardTests {
    static let course = """
        ### 09 · A lesson (ready)
        After this lesson a student can:
        - do one thing,
          over two lines;
        - do another.

        ### 10 · The next one
        """

    static let readme = """
        # Lesson 09 · A lesson

        ## What you will be able to do

        After this lesson you can:
        - do one thing, over two lines;
        - do another.

        ## Questions

        **Spot the issue.**
        1. One?
        2. Two?

        **Design.**
        3. Three?

        ## The decision record

        **ADR-009 · A decision.**

        - **Status.** Accepted.
        - **Date.** 2026-12-02.
        - **Deciders.** The team.
        - **Context.** Why.
        - **Decision.** What.
        - **Consequences.** So what.
        - **Revisit when.** A number moves.
        """

    func problems(_ readme: String, course: String = course) -> [String] {
        ReadmeStandard.problems(readme: readme, path: "README.md", number: "09", course: course)
    }

    @Test("a README with objectives matching course.md, questions 1…N and every ADR field passes")
    func conforming() {
        #expect(problems(Self.readme) == [])
        #expect(problems(Self.readme, course: "") == [])
    }

    @Test(
        "each broken rule is reported",
        arguments: [
            ("- do another.\n\n## Questions", "- do something else.\n\n## Questions", "the objectives differ"),
            ("## What you will be able to do", "## Objectives", "no \"## What you will be able to do\""),
            ("3. Three?", "1. Three?", "not numbered"),
            ("1. One?", "- One?", "not numbered"),
            ("**ADR-009 · ", "**ADR 009 — ", "no heading"),
            ("- **Deciders.** The team.\n", "", "\"- **Deciders.**\""),
            ("- **Revisit when.** ", "- **Revisit when** ", "\"- **Revisit when.**\""),
        ])
    func broken(_ change: (String, String, String)) {
        let text = Self.readme.replacingOccurrences(of: change.0, with: change.1)
        #expect(text != Self.readme)
        let found = problems(text)
        #expect(found.count == 1 && found.allSatisfy { $0.contains(change.2) }, "\(found)")
    }
}
