import Foundation

/// What an instructor takes away from grading a class: Gradescope's results.json, JUnit XML,
/// and a CSV gradebook.
enum Exports {
    static func write(_ grades: [ExerciseGrade], student: String, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try resultsJSON(grades).write(to: folder.appendingPathComponent("results.json"))
        try junitXML(grades, student: student).write(to: folder.appendingPathComponent("junit.xml"), atomically: true, encoding: .utf8)
    }

    /// Gradescope's autograder format: score, max_score, and one entry per check.
    static func resultsJSON(_ grades: [ExerciseGrade]) throws -> Data {
        struct Test: Encodable {
            let name: String
            let score: Int
            let max_score: Int
            let status: String
            let output: String
        }
        struct Results: Encodable {
            let score: Int
            let max_score: Int
            let output: String
            let tests: [Test]
        }
        let tests = grades.flatMap { grade in
            grade.checks.map { check in
                Test(
                    name: "Exercise \(grade.number) · \(check.name)", score: check.status == .passed ? 1 : 0, max_score: 1,
                    status: check.status == .passed ? "passed" : "failed",
                    output: check.message ?? (check.status == .notRun ? "exercise \(grade.number): \(grade.summary)" : ""))
            }
        }
        let results = Results(
            score: grades.map(\.points).reduce(0, +), max_score: grades.map(\.maxPoints).reduce(0, +),
            output: grades.map { "Exercise \($0.number): \($0.summary)" }.joined(separator: "\n"), tests: tests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(results)
    }

    static func junitXML(_ grades: [ExerciseGrade], student: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"\(escape(student))\">\n"
        for grade in grades {
            let failures = grade.checks.filter { $0.status == .failed }.count
            let skipped = grade.checks.filter { $0.status == .notRun }.count
            xml +=
                "  <testsuite name=\"Exercise \(grade.number) \(escape(grade.title))\" tests=\"\(grade.checks.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
            for check in grade.checks {
                xml += "    <testcase classname=\"\(escape(grade.slug))\" name=\"\(escape(check.name))\""
                switch check.status {
                case .passed: xml += "/>\n"
                case .failed:
                    xml +=
                        ">\n      <failure message=\"\(escape(String((check.message ?? "").prefix(200))))\">\(escape(check.message ?? ""))</failure>\n    </testcase>\n"
                case .notRun: xml += ">\n      <skipped message=\"\(escape(grade.summary))\"/>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A folder name for a student: letters, digits, dots, dashes and underscores only.
    static func safeName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
    }
}

/// One CSV row per student: points per exercise, total, maximum.
struct Gradebook {
    let lessons: [Lesson]
    private(set) var rows: [[String]] = []

    init(lessons: [Lesson]) { self.lessons = lessons }

    mutating func add(student: String, _ grades: [ExerciseGrade]) {
        let points = lessons.map { lesson in grades.first { $0.slug == lesson.slug }.map { "\($0.points)" } ?? "" }
        rows.append([student] + points + ["\(grades.map(\.points).reduce(0, +))", "\(grades.map(\.maxPoints).reduce(0, +))"])
    }

    var csv: String {
        let header = ["student"] + lessons.map { "exercise \($0.number)" } + ["total", "max"]
        return ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
