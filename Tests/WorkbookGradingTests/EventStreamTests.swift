import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

@Suite("Reading swift test's event stream")
struct EventStreamTests {
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

    @Test(
        "a failure reads once: its comment not repeated, no bare 'Issue recorded', no PropertyBased echo; its seed becomes the grade command that replays the run"
    )
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
        let replay = "\nReplay this generated run: swift run workbook grade 03 --seed abc="
        #expect(Grader.message([ours, library], exercise: "03") == ours + replay)
        #expect(Grader.message([library, ours], exercise: "03") == ours + replay)
        #expect(
            Grader.message(["Expectation failed\nAdd `.fixedSeed(\"abc=\")` to the Test to reproduce this issue."], exercise: "03")
                == "Expectation failed" + replay)
        #expect(Grader.message([ours], exercise: "03") == ours)
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
