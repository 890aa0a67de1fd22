import WorkbookCatalog

/// Lesson markdown made into DocC's: links into the workbook become the paths they name (the
/// site has no copy of the files), a line that would start a DocC directive is escaped, and a
/// Mermaid diagram stays its source, said so (no renderer is packaged on the machines this
/// runs on; GitHub draws it in the README).
package enum SiteMarkdown {
    package static let mermaidNote = "A diagram in Mermaid: GitHub draws it in the lesson's README; here is its source."

    /// `markdown`, written in the folder `at` (for its relative links), as DocC content.
    package static func convert(_ markdown: String, at folder: String) -> String {
        var lines: [String] = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if !fenced && trimmed == "```mermaid" { lines += [mermaidNote, ""] }
                fenced.toggle()
                lines.append(line)
                continue
            }
            if fenced {
                lines.append(line)
                continue
            }
            var text = line.replacing(/\[([^\]]+)\]\(([^)\s]+)\)/) { match in
                let target = String(match.2)
                if target.contains("://") || target.hasPrefix("#") || target.hasPrefix("mailto:") { return String(match.0) }
                return "\(match.1) (`\(resolve(target, from: folder))`)"
            }
            if text.trimmingCharacters(in: .whitespaces).hasPrefix("@") { text = text.replacingOccurrences(of: "@", with: "\\@") }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    /// The reading article of a lesson: everything but the exercise, the open questions, the
    /// decision record, and the "Check yourself" questions as assessments.
    package static func article(_ lesson: Lesson, _ text: LessonText, minutes: Int) throws -> String {
        let folder = "Lessons/\(lesson.slug)"
        let opening = text.opening.split(separator: "\n").map { $0.replacing(/^>\s?/, with: "") }.joined(separator: "\n")
        var body = ""
        for (heading, section) in text.sections where !heading.hasPrefix("The exercise") {
            let content = heading.hasPrefix("Questions") ? text.openQuestions() : section
            body += "## \(heading)\n\n\(convert(content, at: folder))\n\n"
        }
        body += "The exercise is the next page: \(lesson.exerciseDirectory)/, step by step.\n\n"
        var assessments = ""
        for question in try LessonText.quiz(in: text.section("Questions")!.body) {
            assessments += "@MultipleChoice {\n\(convert(question.text, at: folder))\n\n"
            for choice in question.choices {
                assessments += "@Choice(isCorrect: \(choice.correct)) {\n\(convert(choice.text, at: folder))\n\n"
                assessments += "@Justification(reaction: \"\(choice.correct ? "Right." : "Not quite.")\") {\n\(convert(choice.why, at: folder))\n}\n}\n\n"
            }
            assessments += "}\n\n"
        }
        return """
            @Article(time: \(minutes)) {
            @Intro(title: "\(argument("Lesson \(lesson.number) · \(lesson.title)"))") {
            \(convert(opening, at: folder))
            }

            \(body)@Assessments {
            \(assessments)}
            }

            """
    }

    /// Text for a directive's quoted argument (a title, an image's alt text): DocC has no escape
    /// for a double quote inside one, so it becomes a single quote.
    package static func argument(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "'") }

    /// Minutes to read a lesson text at 200 words a minute, code included.
    package static func readingMinutes(_ text: LessonText) -> Int {
        let words = ([text.opening] + text.sections.map(\.body)).joined(separator: " ").split(whereSeparator: \.isWhitespace).count
        return max(5, (words + 199) / 200)
    }

    /// `../../Exercises/01-x/File.swift` from `Lessons/01-x` is `Exercises/01-x/File.swift`.
    package static func resolve(_ target: String, from folder: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for part in target.split(separator: "/").map(String.init) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}
