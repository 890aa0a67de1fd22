/// A lesson text (`Lessons/NN-slug/README.md`) read into the parts the course site is made of:
/// its opening, its `## ` sections by heading, and the multiple-choice questions under
/// "**Check yourself.**" in its Questions section. Headings inside code blocks are not headings.
package struct LessonText {
    /// The sections the site needs, each found by the start of its heading.
    package static let requiredSections = [
        "What you will be able to do", "The pain", "Run it", "The pattern", "The cost", "When not to", "The exercise", "Questions",
        "The decision record",
    ]
    package static let checkYourself = "**Check yourself.**"

    package struct Question: Equatable {
        package struct Choice: Equatable {
            package let text: String
            package let correct: Bool
            package let why: String
        }
        package let text: String
        package let choices: [Choice]
    }

    /// The lines between the title and the first section (the scenario in a quote).
    package let opening: String
    /// `## ` sections in order: heading without the hashes, and the text under it.
    package let sections: [(heading: String, body: String)]

    package init(_ text: String) {
        var opening: [Substring] = []
        var sections: [(heading: String, body: [Substring])] = []
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle() }
            if !fenced && line.hasPrefix("## ") {
                sections.append((String(line.dropFirst(3)), []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].body.append(line)
            } else if !line.hasPrefix("# ") {
                opening.append(line)
            }
        }
        self.opening = opening.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        self.sections = sections.map { ($0.heading, $0.body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The section whose heading starts with `start`.
    package func section(_ start: String) -> (heading: String, body: String)? { sections.first { $0.heading.hasPrefix(start) } }

    /// What the site needs and this text lacks, said so that the author can fix it.
    package var missing: [String] {
        var missing = Self.requiredSections.filter { section($0) == nil }.map { "a \"## \($0)…\" section" }
        if let questions = section("Questions")?.body {
            do {
                if try Self.quiz(in: questions).isEmpty { missing.append("a \(Self.checkYourself) block of questions with choices") }
            } catch {
                missing.append("\(error)")
            }
        }
        return missing
    }

    /// The open questions: the Questions section up to "**Check yourself.**".
    package func openQuestions() -> String {
        let body = section("Questions")?.body ?? ""
        return body.components(separatedBy: Self.checkYourself).first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? body
    }

    /// The questions after "**Check yourself.**": each a numbered item, its choices a `- ` list,
    /// then in a `<details>` fold one `- Right: …` or `- Not quite: …` line per choice, in order.
    package static func quiz(in questions: String) throws -> [Question] {
        guard let start = questions.range(of: checkYourself) else { return [] }
        var items: [[String]] = []
        for line in questions[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.firstMatch(of: #/^\d+\. /#) != nil {
                items.append([String(line)])
            } else if !items.isEmpty {
                items[items.count - 1].append(String(line))
            }
        }
        return try items.map(question)
    }

    private static func question(_ lines: [String]) throws -> Question {
        let stem = lines[0].replacing(#/^\d+\. /#, with: "")
        let fold = lines.firstIndex { $0.contains("<details>") } ?? lines.endIndex
        let text = ([stem] + lines[1..<fold].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }).map(trimmed)
            .filter { !$0.isEmpty }.joined(separator: " ")
        let choices = listItems(lines[1..<fold])
        let answers = listItems(lines[fold...])
        guard !choices.isEmpty, choices.count == answers.count else {
            throw UsageError("question \"\(text.prefix(60))…\" has \(choices.count) choices and \(answers.count) answers in its <details> fold")
        }
        let parsed = try zip(choices, answers).map { choice, answer in
            guard let match = answer.firstMatch(of: /^(Right|Not quite): (.+)$/) else {
                throw UsageError("question \"\(text.prefix(60))…\": an answer starts with neither \"Right: \" nor \"Not quite: \": \(answer.prefix(60))")
            }
            return Question.Choice(text: choice, correct: match.1 == "Right", why: String(match.2))
        }
        guard parsed.contains(where: \.correct) else { throw UsageError("question \"\(text.prefix(60))…\" has no \"Right: \" answer") }
        return Question(text: text, choices: parsed)
    }

    /// The `- ` items of some lines, each with its continuation lines joined.
    private static func listItems(_ lines: ArraySlice<String>) -> [String] {
        var items: [String] = []
        for line in lines.map(trimmed) {
            if line.hasPrefix("- ") {
                items.append(String(line.dropFirst(2)))
            } else if !line.isEmpty, !line.hasPrefix("<"), !items.isEmpty {
                items[items.count - 1] += " " + line
            }
        }
        return items
    }

    private static func trimmed(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }
}
