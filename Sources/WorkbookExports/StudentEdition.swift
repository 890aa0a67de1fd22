import Foundation

/// What the student edition leaves out of the workbook: what gives the answers away, and what
/// only the instructor's copy runs.
package enum StudentEdition {
    /// Whether the workbook file at `path` (from the root) belongs in the student edition. Out:
    /// the reference solutions; the committed mistakes and the contract tables that map each
    /// clause to the check and the mistake it catches; the course's own CI, which grades the
    /// mistakes against the reference; and the tests of the workbook command and its libraries
    /// (`Tests/Workbook…Tests`, not WorkbookKit's), which run on the instructor's copy.
    package static func keeps(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard let top = parts.first else { return false }
        if ["Solutions", ".ci"].contains(top) { return false }
        if path == ".github/workflows/ci.yml" { return false }
        if top == "Tests", parts.count >= 3 {
            if parts[1].hasPrefix("Workbook"), parts[1] != "WorkbookKitTests" { return false }
            if parts[2] == "Mistakes" || (parts.count == 3 && parts[2] == "CONTRACT.md") { return false }
        }
        return true
    }

    /// How the edition changes the file at `path`, or nil when it ships it as it is.
    package static func edit(for path: String) -> (@Sendable (String) -> String)? {
        switch path {
        case "README.md": readme(from:)
        case "course.md": course(from:)
        case _ where path.hasPrefix("Lessons/") && path.hasSuffix("/README.md"): lessonText(from:)
        default: nil
        }
    }

    /// A lesson text's commands, as the edition runs them: the line that runs the lesson says the
    /// reference where the edition shows its recorded run until the exercise is written.
    package static func lessonText(from text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("swift run "), !line.contains("--mine"), let hash = line.range(of: "# the reference") else { return String(line) }
            return line[..<hash.lowerBound] + "# the reference's recorded run until your exercise is written, then your code"
        }.joined(separator: "\n")
    }

    /// What the edition's course.md says first about grading, where the full workbook's speaks of
    /// the reference solutions it has.
    package static let gradingNote = """
        **In the student edition** the reference solutions are held out: `swift test` and `swift \
        run workbook grade` run every check against your code only. Where a check compares with the \
        reference (the generated runs of exercises 02, 05 and 06), it compares with the outcomes the \
        reference had on a fixed set of inputs (100 for 02, 200 for 05 and 06), recorded in \
        `Tests/NN-slug/Recorded/`: outcomes only, no code. Your instructor's grade runs those checks \
        against the reference itself, on new inputs every time: that grade is the one that counts. \
        What follows describes the instructor's copy.
        """

    /// What the README says about the edition, after its first paragraph (the two commands and
    /// what they do): the full workbook's README says the tests run against the reference.
    package static let readmeNote = """
        **This is the student edition.** The reference solutions stay with your instructor. Until \
        you write a lesson's exercise, the lesson shows the reference's run of it, recorded when \
        this edition was made (dated, with the machine it ran on), and says where to write; from \
        then on it runs your own code. `swift test` runs every check without the reference: the \
        generated runs of exercises 02, 05 and 06 compare your code with what the reference did on \
        a fixed set of inputs (recorded in `Tests/NN-slug/Recorded/`). Your instructor's grade \
        compares with the reference itself, on new inputs every run, so that grade is the one that \
        counts.
        """

    /// The README with the edition's note after the paragraph that follows the first code block,
    /// and without the claim that `swift test` runs the reference solutions.
    package static func readme(from text: String) -> String {
        var paragraphs = text.components(separatedBy: "\n\n")
        let claim = "The second runs every graded check against the reference solutions and"
        paragraphs = paragraphs.map { paragraph in
            let flat = paragraph.split(whereSeparator: \.isNewline).joined(separator: " ")
            guard flat.contains(claim) else { return paragraph }
            return flat.replacingOccurrences(of: claim, with: "The second runs the graded checks and")
        }
        let afterCode = (paragraphs.firstIndex { $0.contains("```") } ?? 0) + 2
        paragraphs.insert(readmeNote, at: min(afterCode, paragraphs.count))
        // What the instructor and the maintainer do is not the student's to read here.
        paragraphs.removeAll { paragraph in readmeLeftOut.contains { paragraph.hasPrefix($0) } }
        var edited = paragraphs.joined(separator: "\n\n")
        for (full, edition) in readmeSentences { edited = edited.replacingOccurrences(of: full, with: edition) }
        return edited.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !refusedCommands.contains { line.hasPrefix("swift run") && line.contains($0) } }
            .joined(separator: "\n")
    }

    /// Paragraphs of the full README that the edition leaves out, by how they begin.
    static let readmeLeftOut = ["For instructors:", "For maintainers:"]

    /// Sentences of the full README that are untrue of the edition, and the edition's own.
    static let readmeSentences = [
        (
            "watch the reference do the thing;",
            "watch the lesson (until your exercise runs, it shows the reference's recorded run and says how to run yours);"
        ),
        (
            "`swift run monolith-order --mine` — the same acts, on your code.",
            "`swift run monolith-order` again — the same acts, on your code (the edition's lessons always run yours)."
        ),
    ]

    /// `workbook` commands the edition refuses, since they need the reference: its command list leaves them out.
    static let refusedCommands = ["workbook diff", "workbook bench", "workbook verify", "workbook site", "workbook similarity"]

    /// course.md without its section for instructors (teaching notes, answer notes, the ADR
    /// rubric): the next `## ` heading ends it.
    package static func course(from text: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inside = line == "## For instructors" }
            if inside { continue }
            lines.append(line)
            if line == "## How grading works" { lines += ["", Substring(gradingNote)] }
        }
        return lines.joined(separator: "\n")
    }
}
