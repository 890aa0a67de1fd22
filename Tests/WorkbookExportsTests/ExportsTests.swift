import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookExports
@testable import WorkbookGrading

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Exports of grades")
struct ExportsTests {
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
