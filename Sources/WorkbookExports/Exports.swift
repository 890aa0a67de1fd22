import Foundation
import WorkbookCatalog
import WorkbookGrading

/// What an instructor takes away from grading a class: Gradescope's results.json, JUnit XML,
/// GitHub Classroom's classroom.json and a CSV gradebook.
package enum Exports {
    package static func write(_ grades: [ExerciseGrade], student: String, scoring: Scoring, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try resultsJSON(grades, scoring: scoring).write(to: folder.appendingPathComponent("results.json"))
        try classroomJSON(grades, scoring: scoring).write(to: folder.appendingPathComponent("classroom.json"))
        try junitXML(grades, student: student).write(to: folder.appendingPathComponent("junit.xml"), atomically: true, encoding: .utf8)
    }

    /// Gradescope's autograder format: score, max_score, execution_time and visibility, one
    /// entry per check with its points, visibility and failure message, and for an exercise that
    /// did not compile, crashed or timed out, the last lines of its output (the compiler's first
    /// errors).
    package static func resultsJSON(_ grades: [ExerciseGrade], scoring: Scoring = Scoring()) throws -> Data {
        struct Test: Encodable {
            package let name: String
            package let score: Double
            package let max_score: Double
            package let status: String
            package let output: String
            package let visibility: String
        }
        struct Results: Encodable {
            package let score: Double
            package let max_score: Double
            package let execution_time: Int
            package let visibility: String
            package let output: String
            package let tests: [Test]
        }
        let tests = scoring.scoredChecks(grades).map { scored in
            Test(
                name: scored.name, score: scored.earned, max_score: scored.worth, status: scored.passed ? "passed" : "failed",
                output: scored.message, visibility: scored.visibility)
        }
        let output = grades.map { grade in
            var text = "Exercise \(grade.number): \(grade.summary)"
            let lines = grade.state.lines
            if !lines.isEmpty { text += "\n" + lines.map { "    " + $0 }.joined(separator: "\n") }
            return text
        }
        let seconds = grades.flatMap(\.checks).compactMap(\.seconds).reduce(0, +)
        let total = scoring.score(grades)
        let results = Results(
            score: Scoring.exported(total.earned), max_score: Scoring.exported(total.available),
            execution_time: Int(seconds.rounded(.up)), visibility: "visible", output: output.joined(separator: "\n"), tests: tests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(results)
    }

    /// JUnit XML as Jenkins, GitLab and the Ant schema read it: per suite and case a `time` in
    /// seconds; per suite a `timestamp` (local time, no zone, as the schema has it) and a
    /// `hostname`; per failure a `message` and a `type` saying what kind of failure it is. A check
    /// that did not run (its exercise not attempted) scores nothing in results.json, so it is a
    /// failure here too, of type `NotAttempted` — not `<skipped>`, which dashboards count as fine.
    package static func junitXML(_ grades: [ExerciseGrade], student: String, at date: Date = Date(), hostname: String = Exports.hostname) -> String {
        let timestamp = junitTimestamp(date)
        let allTime = grades.map(time).reduce(0, +)
        let allFailures = grades.map { $0.checks.filter { $0.status != .passed }.count }.reduce(0, +)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"\(escape(student))\" tests=\"\(grades.map(\.checks.count).reduce(0, +))\" failures=\"\(allFailures)\" errors=\"0\" time=\"\(seconds(allTime))\">\n"
        for (index, grade) in grades.enumerated() {
            let failures = grade.checks.filter { $0.status != .passed }.count
            xml += "  <testsuite name=\"Exercise \(grade.number) \(escape(grade.title))\" id=\"\(index)\" package=\"\(escape(grade.slug))\""
            xml += " tests=\"\(grade.checks.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(seconds(time(grade)))\""
            xml += " timestamp=\"\(timestamp)\" hostname=\"\(escape(hostname))\">\n"
            for check in grade.checks {
                xml += "    <testcase classname=\"\(escape(grade.slug))\" name=\"\(escape(check.name))\" time=\"\(seconds(check.seconds ?? 0))\""
                switch check.status {
                case .passed: xml += "/>\n"
                case .failed:
                    let message = check.message ?? ""
                    xml +=
                        ">\n      <failure message=\"\(escape(String(message.prefix(200))))\" type=\"\(failureType(grade.state))\">\(escape(message))</failure>\n    </testcase>\n"
                case .notRun:
                    let message = "exercise \(grade.number): \(grade.summary)"
                    xml += ">\n      <failure message=\"\(escape(message))\" type=\"NotAttempted\">\(escape(message))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// What kind of failure a failed check is, for a dashboard to group by.
    package static func failureType(_ state: ExerciseGrade.State) -> String {
        switch state {
        case .graded, .notAttempted: "CheckFailed"
        case .crashed: "Crashed"
        case .timedOut: "TimedOut"
        case .doesNotCompile: "DoesNotCompile"
        case .refused: "Refused"
        case .incomplete: "Incomplete"
        case .notGraded: "NotGraded"
        }
    }

    /// The seconds an exercise's checks took, as far as the event stream tells.
    private static func time(_ grade: ExerciseGrade) -> Double { grade.checks.compactMap(\.seconds).reduce(0, +) }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// `2026-12-02T07:58:00`: the schema's `xs:dateTime` without a zone, in local time.
    package static func junitTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// This machine's name, for the JUnit report.
    package static var hostname: String { ProcessInfo.processInfo.hostName }

    package static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// One CSV row per student: points per exercise, total, maximum.
package struct Gradebook {
    package let lessons: [Lesson]
    package let scoring: Scoring
    package private(set) var rows: [[String]] = []

    package init(lessons: [Lesson], scoring: Scoring = Scoring()) {
        self.lessons = lessons
        self.scoring = scoring
    }

    package mutating func add(student: String, _ grades: [ExerciseGrade]) {
        let points = lessons.map { lesson in grades.first { $0.slug == lesson.slug }.map { Scoring.text(scoring[$0.slug].score($0).earned) } ?? "" }
        let total = scoring.score(grades)
        rows.append([student] + points + [Scoring.text(total.earned), Scoring.text(total.available)])
    }

    package var csv: String {
        let header = ["student"] + lessons.map { "exercise \($0.number)" } + ["total", "max"]
        return ([header] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    package static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
