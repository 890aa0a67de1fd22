import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookExports
@testable import WorkbookGrading

@Suite("Points and visibility from grading.json")
struct GradingPolicyTests {
    static let checks: [ExerciseGrade.Check] = [
        .init(name: "a", status: .passed, message: nil, seconds: 0.5),
        .init(name: "b", status: .failed, message: "expected 1, got 2"),
        .init(name: "c", status: .passed, message: nil),
    ]
    static let grade = ExerciseGrade(number: "01", slug: "01-x", title: "X", state: .graded, checks: checks)

    static func policy(_ json: String) throws -> GradingPolicy {
        try GradingPolicy(json: Data(json.utf8), file: "Lessons/01-x/grading.json")
    }

    static func problem(_ json: String) -> String {
        do {
            _ = try policy(json)
            return "read without complaint"
        } catch {
            return "\(error)"
        }
    }

    @Test("without a file every check is worth one point and visible")
    func defaults() {
        let policy = GradingPolicy()
        #expect(policy.score(Self.grade) == (2, 3))
        #expect(policy.visibility(of: "b") == "visible")
    }

    @Test("points are shared among the checks by weight; weight 0 scores nothing; weights alone are points")
    func weights() throws {
        let shared = try Self.policy(#"{"points": 10, "checks": {"a": {"weight": 3}, "b": {"weight": 1}}}"#)
        #expect(shared.worth(of: "a", among: ["a", "b", "c"]) == 6)
        #expect(shared.worth(of: "c", among: ["a", "b", "c"]) == 2)
        #expect(shared.score(Self.grade) == (8, 10))
        let zero = try Self.policy(#"{"points": 4, "checks": {"b": {"weight": 0}}}"#)
        #expect(zero.score(Self.grade) == (4, 4))
        #expect(zero.worth(of: "b", among: ["a", "b", "c"]) == 0)
        let alone = try Self.policy(#"{"checks": {"a": {"weight": 2.5}}}"#)
        #expect(alone.score(Self.grade) == (3.5, 4.5))
        let unbuilt = ExerciseGrade(number: "01", slug: "01-x", title: "X", state: .doesNotCompile(lastLines: []), checks: [])
        #expect(shared.score(unbuilt) == (0, 10))
    }

    @Test("visibility for the exercise and per check, as Gradescope names it")
    func visibility() throws {
        let policy = try Self.policy(#"{"visibility": "after_due_date", "checks": {"b": {"visibility": "hidden"}}}"#)
        #expect(policy.visibility(of: "a") == "after_due_date")
        #expect(policy.visibility(of: "b") == "hidden")
    }

    @Test("every mistake in the file is named: unknown keys, values out of range, wrong types, not JSON")
    func mistakes() {
        #expect(Self.problem(#"{"pionts": 3}"#).contains(#"unknown key "pionts""#))
        #expect(Self.problem(#"{"checks": {"a": {"wieght": 3}}}"#).contains(#"check "a" has an unknown key "wieght""#))
        #expect(Self.problem(#"{"points": 0}"#).contains("points must be above 0"))
        #expect(Self.problem(#"{"points": 0.5}"#) == "read without complaint")
        #expect(Self.problem(#"{"checks": {"a": {"weight": -1}}}"#).contains("weight must be 0 or more"))
        #expect(Self.problem(#"{"visibility": "secret"}"#).contains("visibility must be one of visible, hidden, after_due_date, after_published"))
        #expect(Self.problem(#"{"checks": {"a": {"visibility": "later"}}}"#).contains(#"check "a": visibility must be one of"#))
        #expect(Self.problem(#"{"checks": {"a": {"weight": "3"}}}"#).contains("checks → a → weight has the wrong type"))
        #expect(Self.problem(#"{"checks": {"a": 3}}"#).contains("checks → a has the wrong type"))
        #expect(Self.problem(#"[1]"#).contains("the file must be a JSON object"))
        #expect(Self.problem(#"{"points": 3"#).contains("is not valid JSON"))
        #expect(Self.problem(#"{"about": "weights for spring", "points": 3}"#) == "read without complaint")
        #expect(Self.problem(#"{"checks": {"a": {"weight": true}}}"#).contains("wrong type"))
    }

    @Test("a check named with no settings still counts as named")
    func named() throws {
        let policy = try Self.policy(#"{"checks": {"a": {}, "z": {}}}"#)
        #expect(policy.unknownChecks(among: ["a", "b"]) == ["z"])
    }

    @Test("results.json, classroom.json and the gradebook carry the policy's points and visibility")
    func exports() throws {
        let scoring = Scoring([
            "01-x": try Self.policy(#"{"points": 10, "checks": {"a": {"weight": 1}, "b": {"weight": 1, "visibility": "hidden"}, "c": {"weight": 1}}}"#)
        ])
        let results = try #require(try JSONSerialization.jsonObject(with: try Exports.resultsJSON([Self.grade], scoring: scoring)) as? [String: Any])
        #expect((results["score"] as? NSNumber)?.doubleValue == 6.67)
        #expect((results["max_score"] as? NSNumber)?.doubleValue == 10)
        let tests = results["tests"] as? [[String: Any]] ?? []
        #expect(tests.map { ($0["max_score"] as? NSNumber)?.doubleValue } == [3.33, 3.33, 3.33])
        #expect(tests.map { $0["visibility"] as? String } == ["visible", "hidden", "visible"])
        let classroom = try #require(try JSONSerialization.jsonObject(with: try Exports.classroomJSON([Self.grade], scoring: scoring)) as? [String: Any])
        #expect(classroom["version"] as? Int == 1 && classroom["status"] as? String == "fail")
        #expect((classroom["max_score"] as? NSNumber)?.doubleValue == 10)
        let runs = classroom["tests"] as? [[String: Any]] ?? []
        #expect(runs.map { $0["status"] as? String } == ["pass", "fail", "pass"])
        #expect(runs.map { ($0["score"] as? NSNumber)?.doubleValue } == [3.33, 0, 3.33])
        #expect(runs[1]["message"] as? String == "expected 1, got 2")
        var book = Gradebook(lessons: [Lesson(number: "01", slug: "01-x", title: "X")], scoring: scoring)
        book.add(student: "ada", [Self.grade])
        #expect(book.csv == "student,exercise 01,total,max\nada,6.67,6.67,10\n")
    }

    @Test("Classroom's status: pass only when everything passed, error when the exercise did not run to its end")
    func classroomStatus() throws {
        func status(_ grade: ExerciseGrade) throws -> String? {
            (try JSONSerialization.jsonObject(with: try Exports.classroomJSON([grade])) as? [String: Any])?["status"] as? String
        }
        let passing = ExerciseGrade(number: "01", slug: "01-x", title: "X", state: .graded, checks: [Self.checks[0]])
        #expect(try status(passing) == "pass")
        #expect(try status(Self.grade) == "fail")
        #expect(try status(ExerciseGrade(number: "01", slug: "01-x", title: "X", state: .notAttempted, checks: [])) == "fail")
        #expect(try status(ExerciseGrade(number: "01", slug: "01-x", title: "X", state: .timedOut(lastLines: []), checks: [Self.checks[0]])) == "error")
    }

    @Test("points are written as people write them")
    func text() {
        #expect(Scoring.text(3) == "3")
        #expect(Scoring.text(2.5) == "2.5")
        #expect(Scoring.text(10.0 / 3) == "3.33")
        #expect(Scoring.text(0.999) == "1")
    }

    @Test("the check names a grading.json may use are the tests' own, not the committed mistakes'")
    func checkNames() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let tests = root.appendingPathComponent("Tests/01-x")
        try FileManager.default.createDirectory(at: tests.appendingPathComponent("Mistakes/wrong"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Lessons/01-x"), withIntermediateDirectories: true)
        try #"@Test("one check", arguments: x) func a() {}"#.write(to: tests.appendingPathComponent("A.swift"), atomically: true, encoding: .utf8)
        try "@Test(\n    \"a \\\"quoted\\\" check\",\n    arguments: x)\nfunc b() {}".write(
            to: tests.appendingPathComponent("B.swift"), atomically: true, encoding: .utf8)
        try #"@Test("a mistake's own check") func c() {}"#.write(
            to: tests.appendingPathComponent("Mistakes/wrong/C.swift"), atomically: true, encoding: .utf8)
        let catalog = try Catalog(root: root)
        let lesson = try #require(catalog.lessons.first)
        #expect(catalog.checkNames(of: lesson) == ["one check", #"a "quoted" check"#])
        let file = root.appendingPathComponent("Lessons/01-x/grading.json")
        try #"{"checks": {"one check": {"weight": 2}, "a \"quoted\" check": {}}}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(Structure.gradingPolicyProblems(catalog, lesson).isEmpty)
        try #"{"checks": {"one chek": {"weight": 2}}}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(Structure.gradingPolicyProblems(catalog, lesson) == [#"Lessons/01-x/grading.json names a check exercise 01 does not have: "one chek""#])
        try #"{"points": -1}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(Structure.gradingPolicyProblems(catalog, lesson) == ["Lessons/01-x/grading.json: points must be above 0"])
    }

    @Test("the grading workflow hands each exercise's points to the summary through the environment, on Node 24 actions")
    func workflow() {
        let lessons = [Lesson(number: "01", slug: "01-x", title: "The \"order\""), Lesson(number: "03", slug: "03-y", title: "Y")]
        let text = ClassroomWorkflow(repository: "school/monolith-first", ref: "abc123", exercises: lessons, timeout: 60, swiftVersion: "6.3.1").text
        #expect(text.contains("POINTS_01: ${{ steps.exercise-01.outputs.points }}\n"))
        #expect(text.contains("POINTS_03: ${{ steps.exercise-03.outputs.points }}\n"))
        #expect(text.contains(#"${POINTS_03:-no grade: the step did not finish}"#))
        #expect(!text.contains("classroom-resources/"), "no Classroom reporter: Classroom is sunset")
        #expect(text.contains("uses: actions/checkout@v5") && text.contains("uses: actions/upload-artifact@v6") && !text.contains("@v4"))
        #expect(text.contains("repository: school/monolith-first\n") && text.contains("ref: abc123\n"))
        #expect(text.contains(#"- name: "Exercise 01 · The 'order'""#))
        #expect(text.contains(#"workbook grade 03 --timeout 60 --student "$GITHUB_WORKSPACE/submission""#))
        #expect(text.contains(#"--output "$GITHUB_WORKSPACE/grades/03""#))
    }
}
