import Foundation

/// What the student edition leaves out of the workbook: what gives the answers away, and what
/// only the instructor's copy runs.
enum StudentEdition {
    /// Whether the workbook file at `path` (from the root) belongs in the student edition. Out:
    /// the reference solutions; the committed mistakes and the contract tables that map each
    /// clause to the check and the mistake it catches; the course's own CI, which grades the
    /// mistakes against the reference; and the workbook command's own tests, which run on the
    /// instructor's copy.
    static func keeps(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard let top = parts.first else { return false }
        if ["Solutions", ".ci"].contains(top) { return false }
        if path == ".github/workflows/ci.yml" { return false }
        if top == "Tests", parts.count >= 3 {
            if parts[1] == "WorkbookTests" { return false }
            if parts[2] == "Mistakes" || (parts.count == 3 && parts[2] == "CONTRACT.md") { return false }
        }
        return true
    }

    /// course.md without its section for instructors (teaching notes, answer notes, the ADR
    /// rubric): the next `## ` heading ends it.
    static func course(from text: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inside = line == "## For instructors" }
            if inside { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
