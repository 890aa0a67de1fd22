import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookExports

@Suite("The student edition")
struct StudentEditionTests {
    @Test("it keeps the exercises, lessons, kits and checks; it leaves out the answers and the instructor's tools")
    func keeps() {
        for kept in [
            "Package.swift", "README.md", "course.md", "Exercises/01-monolith-order/PlaceOrder.swift", "Lessons/01-monolith-order/Lesson.swift",
            "Sources/Shop/Cents.swift", "Tests/01-monolith-order/Grading.swift", "Tests/ShopTests/ShopTests.swift",
            "Tests/WorkbookKitTests/MachineLoadTests.swift", ".gitignore",
        ] {
            #expect(StudentEdition.keeps(kept), "\(kept) is left out")
        }
        for left in [
            "Solutions/01-monolith-order/PlaceOrder.swift", "Tests/01-monolith-order/Mistakes/no-transaction/PlaceOrder.swift",
            "Tests/01-monolith-order/CONTRACT.md", ".ci/run", ".github/workflows/ci.yml", "Tests/WorkbookSiteTests/SiteTests.swift",
            "Tests/WorkbookTests/ResetTests.swift",
        ] {
            #expect(!StudentEdition.keeps(left), "\(left) is kept")
        }
    }

    @Test("course.md loses its section for instructors, up to the next section, and gains the edition's note on grading; nothing else changes")
    func course() {
        let text = "# Course\n\n## How grading works\nchecks\n\n## For instructors\n### Notes\nanswers\n\n## What the numbers mean\nmedians\n"
        #expect(
            StudentEdition.course(from: text)
                == "# Course\n\n## How grading works\n\n\(StudentEdition.gradingNote)\nchecks\n\n## What the numbers mean\nmedians\n")
    }

    @Test("a lesson text's command that runs the reference says the edition shows its recording; other lines are kept")
    func lessonText() {
        let text =
            "```sh\nswift run event-bus                     # the reference bus\nswift run event-bus --mine              # your bus\n```\nthe reference's rule"
        #expect(
            StudentEdition.lessonText(from: text)
                == "```sh\nswift run event-bus                     # the reference's recorded run until your exercise is written, then your code\n"
                + "swift run event-bus --mine              # your bus\n```\nthe reference's rule")
        #expect(StudentEdition.edit(for: "Lessons/03-event-bus/README.md") != nil)
        #expect(StudentEdition.edit(for: "Lessons/03-event-bus/hints.md") == nil)
    }

    @Test("the README keeps its two commands first, says it is the student edition, and drops the claim about the reference")
    func readme() {
        let text = """
            # Monolith First

            ```sh
            swift run monolith-order
            swift test
            ```

            The first command runs lesson 01. The second runs every
            graded check against the reference solutions and tells you which exercise to open first.

            ## Requirements
            """
        let edited = StudentEdition.readme(from: text)
        #expect(edited.hasPrefix("# Monolith First\n\n```sh\nswift run monolith-order\nswift test\n```\n\nThe first command runs lesson 01."))
        #expect(!edited.contains("against the reference solutions"))
        let note = edited.range(of: "**This is the student edition.**")
        let requirements = edited.range(of: "## Requirements")
        #expect(note != nil && requirements != nil && note!.lowerBound < requirements!.lowerBound)
    }

    @Test("the workbook's own README loses the claim about the reference, however its sentence ends")
    func ownReadme() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let edited = StudentEdition.readme(from: text)
        let opening = edited.components(separatedBy: "\n## ")[0]
        #expect(opening.contains("**This is the student edition.**"))
        #expect(!opening.contains("against the reference solutions"))
        // Every sentence the edition replaces is in today's README, and none of what it leaves out stays.
        for (full, _) in StudentEdition.readmeSentences { #expect(text.contains(full), "README.md no longer says \(full)") }
        #expect(!edited.contains("watch the reference do the thing"))
        #expect(!edited.contains("workbook diff NN") && !edited.contains("workbook bench"))
        #expect(!edited.contains("For instructors:") && !edited.contains("For maintainers:"))
        #expect(edited.contains("swift run workbook grade [NN…]"))
    }
}
