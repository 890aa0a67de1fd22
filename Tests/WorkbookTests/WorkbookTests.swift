import Foundation
import Testing

@testable import Workbook

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("The workbook command's pieces")
struct WorkbookTests {
    @Test("a lesson's executable, modules and folders all follow from its slug")
    func namesFromTheSlug() {
        let lesson = Lesson(number: "04", slug: "04-schema-per-module", title: "Schema per module")
        #expect(lesson.executable == "schema-per-module")
        #expect(lesson.modulePrefix == "SchemaPerModule")
        #expect(lesson.testModule == "SchemaPerModuleTests")
        #expect(lesson.exerciseDirectory == "Exercises/04-schema-per-module")
    }

    @Test("hints are the sections under \"## Hint N\", in order")
    func hints() {
        let text = "# Hints\n\n## Hint 1\nFirst.\n\n## Hint 2\nSecond,\non two lines.\n"
        #expect(HintCommand.hints(in: text) == ["First.", "Second,\non two lines."])
        #expect(HintCommand.hints(in: "no hints here").isEmpty)
    }

    @Test("an exercise and its solution compare equal outside function bodies, and differ when a declaration does")
    func skeleton() {
        let solution =
            "/// Doc.\npublic func f(_ x: Int) throws -> Int {\n    if x > 0 { return x }\n    return 0\n}\nstruct S {\n    let a: Int\n    func g() throws { print(1) }\n}\n"
        let stub =
            "/// Doc.\npublic func f(_ x: Int) throws -> Int {\n    // TODO\n    throw NotAttempted()\n}\nstruct S {\n    let a: Int\n    func g() throws { throw NotAttempted() }\n}\n"
        #expect(Declarations.skeleton(of: solution) == Declarations.skeleton(of: stub))
        let renamed = stub.replacingOccurrences(of: "let a: Int", with: "let b: Int")
        #expect(Declarations.skeleton(of: solution) != Declarations.skeleton(of: renamed))
    }

    @Test("the event stream gives each graded check's student outcome, and the not-attempted exercises")
    func eventStream() throws {
        let lines = [
            #"{"kind":"test","payload":{"id":"M.S/a()","displayName":"check a","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
            #"{"kind":"test","payload":{"id":"M.S/b()","displayName":"check b","_testCases":[{"displayName":"reference, case 1"}]}}"#,
            #"{"kind":"test","payload":{"id":"M.S/plain()","displayName":"not graded"}}"#,
            #"{"kind":"event","payload":{"kind":"testCaseStarted","testID":"M.S/a()","_testCase":{"displayName":"student"}}}"#,
            #"{"kind":"event","payload":{"kind":"issueRecorded","testID":"M.S/a()","_testCase":{"displayName":"student"},"messages":[{"text":"expected 1, got 2"}],"issue":{"isKnown":false}}}"#,
            #"{"kind":"event","payload":{"kind":"testSkipped","testID":"M.marker()","_comments":["Exercise 07 not attempted yet: open Exercises/07-x/F.swift"]}}"#,
            #"{"kind":"event","payload":{"kind":"runEnded"}}"#,
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let stream = EventStream(contentsOf: file)
        #expect(stream.graded.map(\.name) == ["check a", "check b"])
        #expect(stream.graded[0].studentFailures == ["expected 1, got 2"])
        #expect(!stream.graded[1].studentRan)
        #expect(stream.notAttempted == ["07"])
        #expect(stream.finished)
    }

    @Test("a check's time is its student case's, from start to end; the reference case's time is not counted")
    func eventStreamTimes() throws {
        func event(_ kind: String, _ side: String, _ at: Double) -> String {
            #"{"kind":"event","payload":{"kind":"\#(kind)","testID":"M.S/a()","_testCase":{"displayName":"\#(side)"},"instant":{"since1970":\#(at)}}}"#
        }
        let lines = [
            #"{"kind":"test","payload":{"id":"M.S/a()","displayName":"timed","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
            // The two cases overlap, as Swift Testing may run them: only the student's bounds count.
            event("testCaseStarted", "student", 100.0), event("testCaseStarted", "reference", 105.0),
            event("testCaseEnded", "student", 110.25), event("testCaseEnded", "reference", 120.0),
            #"{"kind":"event","payload":{"kind":"runEnded"}}"#,
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let check = try #require(EventStream(contentsOf: file).graded.first)
        #expect(check.studentSeconds == 10.25)
    }

    @Test("a failure reads once: its comment not repeated, no bare 'Issue recorded', no PropertyBased echo or fixedSeed advice")
    func failureReadsOnce() throws {
        let ours = "rule broken: the same event twice makes one customer\n  input: u1 twice"
        let issue =
            #"{"kind":"event","payload":{"kind":"issueRecorded","testID":"M.S/a()","_testCase":{"displayName":"student"},"#
            + #""issue":{"isKnown":false},"messages":[{"text":"Issue recorded"},{"text":"rule broken: the same event twice makes one customer\n  input: u1 twice"}],"#
            + #""_comments":["rule broken: the same event twice makes one customer\n  input: u1 twice"]}}"#
        let lines = [
            #"{"kind":"test","payload":{"id":"M.S/a()","displayName":"once","_testCases":[{"displayName":"student"}]}}"#,
            #"{"kind":"event","payload":{"kind":"testCaseStarted","testID":"M.S/a()","_testCase":{"displayName":"student"}}}"#, issue,
            #"{"kind":"event","payload":{"kind":"runEnded"}}"#,
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let check = try #require(EventStream(contentsOf: file).graded.first)
        #expect(check.studentFailures == [ours])
        let library = "Failure occured with input 1. u1 twice.\n\nAdd `.fixedSeed(\"abc=\")` to the Test to reproduce this issue."
        #expect(Grader.message([ours, library]) == ours)
        #expect(Grader.message([library, ours]) == ours)
        #expect(Grader.message(["Expectation failed\nAdd `.fixedSeed(\"abc=\")` to the Test to reproduce this issue."]) == "Expectation failed")
    }

    @Test("exports: Gradescope's fields, well-formed JUnit, one CSV row per student")
    func exports() throws {
        let grade = ExerciseGrade(
            number: "01", slug: "01-x", title: "X & <Y>", state: .graded,
            checks: [
                .init(name: "passes", status: .passed, message: nil),
                .init(name: "fails \"quoted\"", status: .failed, message: "expected <1>"),
            ])
        let json = try JSONSerialization.jsonObject(with: try Exports.resultsJSON([grade])) as? [String: Any]
        #expect(json?["score"] as? Int == 1)
        #expect(json?["max_score"] as? Int == 2)
        #expect(json?["visibility"] as? String == "visible" && json?["execution_time"] as? Int == 0)
        let tests = json?["tests"] as? [[String: Any]] ?? []
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed"])
        let xml = Exports.junitXML([grade], student: "ada")
        #expect(xml.contains("X &amp; &lt;Y&gt;") && xml.contains("fails &quot;quoted&quot;") && xml.contains("<failure"))
        var book = Gradebook(lessons: [Lesson(number: "01", slug: "01-x", title: "X")])
        book.add(student: "Lovelace, Ada", [grade])
        #expect(book.csv == "student,exercise 01,total,max\n\"Lovelace, Ada\",1,1,2\n")
    }

    @Test("JUnit carries what Jenkins and GitLab read: times, a timestamp, the hostname, a failure type; a check that did not run fails as in results.json")
    func junitAttributes() throws {
        let grade = ExerciseGrade(
            number: "02", slug: "02-y", title: "Y", state: .crashed(lastLines: []),
            checks: [
                .init(name: "ran", status: .passed, message: nil, seconds: 0.25),
                .init(name: "cut short", status: .failed, message: "the test process crashed", seconds: nil),
                .init(name: "never ran", status: .notRun, message: nil),
            ])
        let date = Date(timeIntervalSince1970: 1_796_198_285)
        let elements = try JUnitElements(Exports.junitXML([grade], student: "ada", at: date, hostname: "lab-3"))
        let suites = try #require(elements.first { $0.name == "testsuites" })
        #expect(suites.attributes["tests"] == "3" && suites.attributes["failures"] == "2" && suites.attributes["time"] == "0.250")
        let suite = try #require(elements.first { $0.name == "testsuite" })
        #expect(suite.attributes["hostname"] == "lab-3")
        #expect(
            suite.attributes["time"] == "0.250" && suite.attributes["skipped"] == "0" && suite.attributes["failures"] == "2"
                && suite.attributes["errors"] == "0")
        let stamp = try #require(suite.attributes["timestamp"])
        #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/) != nil, "xs:dateTime without a zone: \(stamp)")
        #expect(stamp == Exports.junitTimestamp(date))
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["time"] } == ["0.250", "0.000", "0.000"])
        #expect(cases.allSatisfy { $0.attributes["classname"] == "02-y" })
        let failure = try #require(elements.first { $0.name == "failure" })
        #expect(failure.attributes["type"] == "Crashed" && failure.attributes["message"] == "the test process crashed")
        #expect(!elements.contains { $0.name == "skipped" }, "a check results.json scores 0 is never <skipped>")
        let failures = elements.filter { $0.name == "failure" }
        #expect(failures.map { $0.attributes["type"] } == ["Crashed", "NotAttempted"])
        // results.json and JUnit agree, check by check: passed there ⇔ no <failure> here.
        let json = try JSONSerialization.jsonObject(with: try Exports.resultsJSON([grade])) as? [String: Any]
        let statuses = (json?["tests"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        #expect(statuses == ["passed", "failed", "failed"])
    }

    @Test("the class summary counts each check's passes over the students who had it, least passed first")
    func classSummary() {
        func grade(_ passes: [Bool]) -> ExerciseGrade {
            ExerciseGrade(
                number: "01", slug: "01-x", title: "X", state: .graded,
                checks: zip(["easy", "hard"], passes).map { .init(name: $0, status: $1 ? .passed : .failed, message: nil) })
        }
        var summary = ClassSummary()
        summary.add([grade([true, false])])
        summary.add([grade([true, true])])
        summary.add([grade([true, false])])
        #expect(summary.hardestFirst.map(\.check) == ["hard", "easy"])
        #expect(summary.hardestFirst.map(\.passed) == [1, 3])
        #expect(summary.hardestFirst.allSatisfy { $0.students == 3 })
        #expect(summary.csv == "exercise,check,passed,students,pass rate\n01,hard,1,3,0.33\n01,easy,3,3,1.00\n")
    }
}

/// The elements of an XML document with their attributes, read by Foundation's parser: a
/// document it cannot parse throws.
struct JUnitElements: Sequence {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private let elements: [Element]

    init(_ xml: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw reader.failure ?? CocoaError(.coderReadCorrupt) }
        elements = reader.elements
    }

    func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var failure: (any Error)?
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: name, attributes: attributes))
        }
        func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) { failure = error }
    }
}

@Suite("Grading a run that died")
struct DiedRunTests {
    @Test("after a crash, a check that ran to its end keeps its result; the others fail with the reason")
    func crashKeepsFinishedChecks() throws {
        let lines = [
            #"{"kind":"test","payload":{"id":"M.S/a()","displayName":"finished","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
            #"{"kind":"test","payload":{"id":"M.S/b()","displayName":"cut short","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
            #"{"kind":"event","payload":{"kind":"testCaseStarted","testID":"M.S/a()","_testCase":{"displayName":"student"}}}"#,
            #"{"kind":"event","payload":{"kind":"testEnded","testID":"M.S/a()"}}"#,
            #"{"kind":"event","payload":{"kind":"testCaseStarted","testID":"M.S/b()","_testCase":{"displayName":"student"}}}"#,
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("died-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stream = folder.appendingPathComponent("s.jsonl")
        try lines.joined(separator: "\n").write(to: stream, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("log")
        try "Fatal error: Index out of range\n".write(to: log, atomically: true, encoding: .utf8)
        let lesson = Lesson(number: "01", slug: "01-x", title: "X")
        let grade = Grader.grade(lesson, EventStream(contentsOf: stream), ending: .signalled(4), log: log)
        #expect(grade.state == .crashed(lastLines: ["Fatal error: Index out of range"]))
        #expect(grade.checks.map(\.status) == [.passed, .failed])
        #expect(grade.checks[1].message == "the test process crashed before this check finished")
    }
}
