import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

/// What the grader does with a submission that tries to game it; `.ci/hostile-students` grades
/// a class of such submissions end to end.
@Suite("A submission is hostile input")
struct HostileSubmissionTests {
    static func stream(_ lines: [String]) throws -> EventStream {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return EventStream(contentsOf: file)
    }

    static let plan = [
        #"{"kind":"test","payload":{"id":"M.S/a()","displayName":"check a","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
        #"{"kind":"test","payload":{"id":"M.S/b()","displayName":"check b","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#,
    ]
    static func ran(_ id: String) -> [String] {
        [
            #"{"kind":"event","payload":{"kind":"testCaseStarted","testID":"\#(id)","_testCase":{"displayName":"student"}}}"#,
            #"{"kind":"event","payload":{"kind":"testEnded","testID":"\#(id)"}}"#,
        ]
    }
    static let started = #"{"kind":"event","payload":{"kind":"runStarted"}}"#
    static let ended = #"{"kind":"event","payload":{"kind":"runEnded"}}"#
    static let lesson = Lesson(number: "06", slug: "06-strangler-fig", title: "Strangler fig routing")
    static let log = URL(fileURLWithPath: "/nonexistent/log")

    static func held(_ lines: [String], expected: [String] = ["check a", "check b"]) throws -> ExerciseGrade {
        let events = try stream(lines)
        return Grader.holding(Grader.grade(lesson, events, ending: .exited(0), log: log), to: expected, events: events)
    }

    @Test("a run that reports every known check is graded as it ran; one that reports fewer is incomplete, the missing ones 0")
    func incomplete() throws {
        let whole = try Self.held([Self.started] + Self.plan + Self.ran("M.S/a()") + Self.ran("M.S/b()") + [Self.ended])
        #expect(whole.state == .graded)
        #expect(whole.passedCount == 2)
        let half = try Self.held([Self.started] + Self.plan + Self.ran("M.S/a()") + [Self.ended], expected: ["check a", "check b", "check c"])
        #expect(half.summary == "incomplete: 2 of 3 checks reported")
        #expect(half.checks.map(\.name) == ["check a", "check b", "check c"])
        #expect(half.checks.last?.status == .failed)
        // The forged stream of a submission that wrote only an end and exited 0.
        let forged = try Self.held([Self.ended])
        #expect(forged.summary == "incomplete: 0 of 2 checks reported")
        #expect(forged.passedCount == 0)
    }

    @Test("a check the grader does not know is dropped, not counted")
    func unknown() throws {
        let extra = #"{"kind":"test","payload":{"id":"M.S/z()","displayName":"check z","_testCases":[{"displayName":"reference"},{"displayName":"student"}]}}"#
        let grade = try Self.held([Self.started] + Self.plan + [extra] + Self.ran("M.S/a()") + Self.ran("M.S/b()") + Self.ran("M.S/z()") + [Self.ended])
        #expect(grade.checks.map(\.name) == ["check a", "check b"])
        #expect(grade.state == .graded)
    }

    @Test("records after the run's end, or a second run, make the whole stream count for nothing")
    func tampered() throws {
        let after = try Self.held([Self.started] + Self.plan + Self.ran("M.S/a()") + Self.ran("M.S/b()") + [Self.ended, Self.ended])
        #expect(after.passedCount == 0)
        #expect(after.summary == "incomplete: 0 of 2 checks reported")
        let twice = try Self.held([Self.started] + Self.plan + Self.ran("M.S/a()") + [Self.started] + Self.ran("M.S/b()") + [Self.ended])
        #expect(twice.passedCount == 0)
        let honest = try Self.stream([Self.started] + Self.plan + Self.ran("M.S/a()") + [Self.ended])
        #expect(honest.tampered == nil)
    }

    @Test("a message from the student's run loses its control characters and is cut to a bounded length")
    func cleaned() {
        let check = ExerciseGrade.Check(name: "x", status: .failed, message: "\u{1B}[31mred\u{1B}[0m\u{07}\nnext\tline\u{202E}")
        #expect(check.message == "red\u{FFFD}\nnext\tline\u{FFFD}")
        let long = StudentText.clean(String(repeating: "a", count: 5_000))
        #expect(long.hasPrefix(String(repeating: "a", count: StudentText.messageLimit) + "… (3000 more characters cut)"))
        #expect(StudentText.clean(String(repeating: "b", count: StudentText.messageLimit)) == String(repeating: "b", count: StudentText.messageLimit))
        let grade = ExerciseGrade(number: "06", slug: "s", title: "t", state: .crashed(lastLines: ["\u{1B}]0;title\u{07}"]), checks: [])
        #expect(grade.state.lines == ["\u{FFFD}]0;title\u{FFFD}"])
    }

    @Test("an exercise folder of plain files passes; a link, a folder named like a Swift file, or a linked folder is refused")
    func plainFiles() throws {
        let manager = FileManager.default
        let submission = manager.temporaryDirectory.appendingPathComponent("submission-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: submission) }
        let folder = submission.appendingPathComponent("Exercises/06-strangler-fig")
        try manager.createDirectory(at: folder.appendingPathComponent("More"), withIntermediateDirectories: true)
        try "x".write(to: folder.appendingPathComponent("Routing.swift"), atomically: true, encoding: .utf8)
        try "y".write(to: folder.appendingPathComponent("More/Helpers.swift"), atomically: true, encoding: .utf8)
        #expect(GradingCopy.notPlainFiles(in: submission, "Exercises/06-strangler-fig").isEmpty)
        #expect(GradingCopy.notPlainFiles(in: submission, "Exercises/05-circuit-breaker").isEmpty)  // absent: the stub stands in

        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("Link.swift").path, withDestinationPath: "../../Solutions/06/Routing.swift")
        try manager.createDirectory(at: folder.appendingPathComponent("Folder.swift"), withIntermediateDirectories: true)
        let problems = GradingCopy.notPlainFiles(in: submission, "Exercises/06-strangler-fig")
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("Link.swift is a symbolic link") })
        #expect(problems.contains { $0.contains("Folder.swift is a folder where a Swift file belongs") })

        try manager.createSymbolicLink(at: submission.appendingPathComponent("Exercises/01-monolith-order"), withDestinationURL: folder)
        #expect(GradingCopy.notPlainFiles(in: submission, "Exercises/01-monolith-order") == ["Exercises/01-monolith-order is a symbolic link, not a folder"])
    }

    @Test("the macOS profile hides the references' and checks' Swift files and .git, and lets the checks write only in the grade's and build folders")
    func profile() {
        let text = Sandbox.profile(
            writable: URL(fileURLWithPath: "/nonexistent/grade/06"), build: [URL(fileURLWithPath: "/nonexistent/a+b/.build")],
            hidden: [URL(fileURLWithPath: "/nonexistent/a+b")])
        #expect(text.contains(#"(deny file-read-data (regex #"^/nonexistent/a\+b/(Solutions|Tests)/.*\.swift$") (regex #"^/nonexistent/a\+b/\.git/"))"#))
        #expect(text.contains(#"(require-any (subpath "/nonexistent/grade/06") (subpath "/nonexistent/a+b/.build") (subpath "/private/tmp")"#))
        #expect(text.contains(#"(deny network-outbound (require-not (remote ip "localhost:*")))"#))
    }

    @Test("a dependency file's paths name their modules; the references, checks, lessons and grader are off limits")
    func modules() {
        #expect(ReferenceReach.module(of: "/w/.build/debug/Modules/StranglerFigSolution.swiftmodule") == "StranglerFigSolution")
        #expect(ReferenceReach.module(of: "/opt/swift/usr/lib/swift/linux/Foundation.swiftmodule/x86_64-unknown-linux-gnu.swiftmodule") == "Foundation")
        #expect(ReferenceReach.module(of: "/w/Exercises/06/Routing.swift") == nil)
        let reach = ReferenceReach(products: URL(fileURLWithPath: "/nonexistent"), exercises: [Self.lesson])
        #expect(reach.forbiddenModules.isSuperset(of: ["StranglerFigSolution", "StranglerFigTests", "StranglerFigLesson", "GradingKit", "WorkbookGrading"]))
        #expect(!reach.forbiddenModules.contains("StranglerFigKit"))
        #expect(!reach.forbiddenModules.contains("WorkbookKit"))
        #expect(reach.audit(["06-strangler-fig"]).isEmpty)  // nothing built there: nothing to refuse
    }
}
