import Foundation

/// The one shape every lesson text keeps: its objectives at the top (the same as course.md's),
/// questions numbered 1…N, and a decision record with every field of the course's ADR format.
package enum ReadmeStandard {
    package static let objectivesHeading = "## What you will be able to do"
    package static let adrFields = ["Status", "Date", "Deciders", "Context", "Decision", "Consequences", "Revisit when"]

    /// What `readme` (at `path`) breaks; `course` is course.md, whose section for the lesson, when
    /// it has one, must list the same objectives.
    package static func problems(readme: String, path: String, number: String, course: String) -> [String] {
        var problems: [String] = []
        let objectives = bullets(after: "After this lesson you can:", in: section(objectivesHeading, of: readme))
        let syllabus = bullets(after: "After this lesson a student can:", in: section("### \(number) · ", of: course))
        if objectives.isEmpty {
            problems.append("\(path) has no \"\(objectivesHeading)\" section with the lesson's objectives")
        } else if !syllabus.isEmpty, syllabus != objectives {
            problems.append("\(path): the objectives differ from course.md's for lesson \(number)")
        }
        let numbers = section("## Questions", of: readme).split(separator: "\n").compactMap { line in
            line.firstMatch(of: #/^(\d+)\. /#).map { Int($0.1)! }
        }
        if numbers.isEmpty || numbers != Array(1...numbers.count) {
            problems.append("\(path): the questions are not numbered 1, 2, 3… through the section")
        }
        let record = section("## The decision record", of: readme)
        if !record.contains("**ADR-\(number.count == 2 ? "0" + number : number) · ") {
            problems.append("\(path): the decision record has no heading **ADR-0\(number) · …**")
        }
        for field in adrFields where !record.contains("- **\(field).** ") {
            problems.append("\(path): the decision record has no \"- **\(field).**\" line")
        }
        return problems
    }

    /// The text from the first line starting with `heading` to the next heading of its level.
    package static func section(_ heading: String, of text: String) -> String {
        let level = heading.prefix { $0 == "#" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return "" }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix(level + " ") } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }

    /// The bullets after the line `intro`, each with its continuation lines joined, spaces collapsed.
    package static func bullets(after intro: String, in text: String) -> [String] {
        guard let range = text.range(of: intro) else { return [] }
        var items: [String] = []
        for line in text[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.hasPrefix("- ") {
                items.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("  "), !items.isEmpty {
                items[items.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                break
            }
        }
        return items
    }
}
