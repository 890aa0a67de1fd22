import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookExports
import WorkbookGrading
import WorkbookKit

struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grades exercises, each in its own `swift test` process with a time limit.",
        discussion: """
            Without --student, grades this checkout's Exercises/ and remembers the result for `workbook list`. \
            With --student PATH… and --output DIR, grades each student checkout in a private copy of this \
            workbook (its tests and solutions, their Exercises/ only) and writes results.json (Gradescope), \
            classroom.json (GitHub Classroom), junit.xml and a gradebook.csv row per student, each named by its path below the folder \
            all the checkouts share (alice/monolith-first), and checks.csv: each check's pass rate \
            across the class, the least passed first.
            """)

    @Argument(help: "Exercise numbers (e.g. 01 3); all exercises when none is given.")
    var exercises: [String] = []

    @Option(parsing: .unconditional, help: "Seconds one exercise's tests may take before they are stopped.")
    var timeout = 300

    @Option(parsing: .upToNextOption, help: "Student checkouts to grade (instructor mode).")
    var student: [String] = []

    @Option(help: "Where to write each student's results (instructor mode).")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Replay one generated run: the seed a failed check printed. Each generated check then runs once, on the input that seed made.",
            valueName: "seed"))
    var seed: String?

    @Option(
        help: ArgumentHelp(
            "The build folder to grade in, as `swift build --scratch-path` takes it, when you build there (default: the checkout's .build).",
            valueName: "folder"))
    var scratchPath: String?

    @Option(help: "Seconds a build may take before the grade stops as not graded (default: 5400 for a cold build, 1800 otherwise).")
    var buildTimeout: Int?

    @Flag(help: "With --student: stop before grading when the students' code cannot run in a sandbox here.")
    var requireSandbox = false

    func validate() throws {
        if requireSandbox && student.isEmpty { throw ValidationError("--require-sandbox is for grading --student checkouts") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        if let buildTimeout, buildTimeout <= 0 { throw ValidationError("--build-timeout must be a positive number of seconds") }
        if !student.isEmpty && output == nil { throw ValidationError("--student needs --output DIR for the results") }
        if student.isEmpty && output != nil { throw ValidationError("--output is for grading --student checkouts") }
        if let seed, Data(base64Encoded: seed)?.count != 32 {
            throw ValidationError("--seed \(seed) is not a seed a check printed (it prints 44 characters of base64, ending in =)")
        }
        if seed != nil && !student.isEmpty { throw ValidationError("--seed replays one student's failure: grade without --student") }
        if scratchPath != nil && !student.isEmpty {
            throw ValidationError("--scratch-path is for grading this checkout: --student checkouts are built in a grading copy of their own")
        }
        if let scratchPath { try Self.validate(scratchPath: scratchPath) }
    }

    /// A build folder SwiftPM may fill with thousands of files: not a file, not the checkout or a
    /// folder of what it ships (the build would land among the student's exercise or the
    /// checks), and one that can be made.
    static func validate(scratchPath: String) throws {
        guard !scratchPath.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--scratch-path needs a folder (SwiftPM's default is the checkout's .build)")
        }
        let folder = URL(fileURLWithPath: scratchPath).standardizedFileURL.resolvingSymlinksInPath()
        if let catalog = try? Catalog.current() {
            let root = catalog.root.standardizedFileURL.resolvingSymlinksInPath().path
            if folder.path == root {
                throw ValidationError("--scratch-path \(scratchPath) is the checkout itself: give a build folder, such as \(root)/.build")
            }
            for shipped in ["Exercises", "Solutions", "Tests", "Lessons", "Sources", ".git", ".ci"] {
                let inside = root + "/" + shipped
                if folder.path == inside || folder.path.hasPrefix(inside + "/") {
                    throw ValidationError(
                        "--scratch-path \(scratchPath) is inside \(shipped)/, which the workbook ships: give a build folder, such as \(root)/.build")
                }
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ValidationError("--scratch-path \(scratchPath) is a file, not a build folder") }
            guard FileManager.default.isWritableFile(atPath: folder.path) else { throw ValidationError("--scratch-path \(scratchPath) cannot be written to") }
        } else {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--scratch-path \(scratchPath) cannot be made: \(error.localizedDescription)")
            }
        }
    }

    func run() async throws {
        let failing = Locked(false)
        try await WorkbookCommand.guarded("workbook grade") {
            let catalog = try Catalog.current()
            let lessons = try catalog.select(exercises)
            let scoring = try Scoring(catalog: catalog)
            if let seed, !Implementation.referenceShipped, let lesson = lessons.first(where: catalog.comparesWithReference) {
                throw UsageError(
                    "exercise \(lesson.number)'s generated runs compare with the reference, which this student edition holds out: "
                        + "the input of seed \(seed) can be judged only by your instructor's grade (here, `swift run workbook grade \(lesson.number)` "
                        + "runs the reference's recorded inputs, or none). Replay seeds here for the other exercises.")
            }
            if student.isEmpty {
                let failed = try await gradeHere(catalog, lessons, scoring)
                failing.withLock { $0 = failed }
            } else {
                let unfinished = try await gradeStudents(catalog, lessons, scoring, output: URL(fileURLWithPath: output!))
                failing.withLock { $0 = unfinished }
            }
        }
        if failing.withLock({ $0 }) { throw ExitCode.failure }
    }

    /// Grades this checkout; answers whether anything attempted fails.
    private func gradeHere(_ catalog: Catalog, _ lessons: [Lesson], _ scoring: Scoring) async throws -> Bool {
        let narrator = Narrator(write: Terminal.writeLine)
        let work = try temporaryFolder("grade")
        defer { try? FileManager.default.removeItem(at: work) }
        var grader = Grader(checkout: catalog.root, scratch: scratchPath.map { URL(fileURLWithPath: $0).absoluteURL }, limit: .seconds(timeout))
        grader.onProgress = { narrator.step($0) }
        grader.exerciseSlugs = catalog.exercises.map(\.slug)
        grader.seed = seed
        grader.buildLimit = buildTimeout.map { .seconds($0) }
        var known = KnownChecks(Memory(catalog))
        grader.knownChecks = known.checks
        let fingerprints = Dictionary(uniqueKeysWithValues: lessons.map { ($0.slug, catalog.fingerprint(of: $0)) })
        var grades = try await grader.grade(lessons, work: work)
        for index in grades.indices { grades[index].fingerprint = fingerprints[grades[index].slug] }
        GradeReport(narrator: narrator, catalog: catalog, lessons: lessons, scoring: scoring).show(grades)
        if let seed {
            // One input per generated check is a diagnosis, not a grade: nothing is remembered.
            narrator.notice(
                "The generated checks ran once, on the input of seed \(seed): this replay is not your grade, and `workbook list` keeps "
                    + "the last one. Grade without --seed when the run passes.")
            return grades.contains(where: \.failing)
        }
        known.learn(from: grades)
        try known.save()
        let memory = Memory(catalog)
        var remembered = memory.read("last-grade.json", as: [ExerciseGrade].self) ?? []
        remembered.removeAll { old in grades.contains { $0.slug == old.slug } }
        try memory.write((remembered + grades).sorted { $0.number < $1.number }, to: "last-grade.json")
        return grades.contains(where: \.failing)
    }

    /// Grades each student checkout; answers whether the machine left any exercise not graded
    /// (the instructor's to fix and grade again: the exit status says so, not the student's score).
    private func gradeStudents(_ catalog: Catalog, _ lessons: [Lesson], _ scoring: Scoring, output: URL) async throws -> Bool {
        let narrator = Narrator(write: Terminal.writeLine)
        let students = try Students(paths: student)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var gradebook = Gradebook(lessons: lessons, scoring: scoring)
        var summary = ClassSummary()
        var notGraded: [String] = []
        var sandbox = await Sandbox.available()
        sandbox.hidden = [catalog.root, catalog.root.appendingPathComponent(".build/workbook/checkout")]
        narrator.say(sandbox.description)
        if requireSandbox, case .none = sandbox.kind { throw UsageError("--require-sandbox: nothing was graded, because \(sandbox.description)") }
        let expected = try await TrustedChecks.of(lessons, in: catalog, limit: .seconds(timeout)) { narrator.step($0) }
        for student in students.all {
            narrator.act(gradebook.rows.count + 1, "Student \(student.name)")
            let grades: [ExerciseGrade]
            do {
                grades = try await grade(student, catalog, lessons, expected: expected, sandbox: sandbox, narrator: narrator)
            } catch {
                // Ctrl-C cancels the grade: whatever error that surfaces as, it stops the class.
                if error is CancellationError || Task.isCancelled { throw error }
                // One student's checkout that cannot be graded is that student's grade, not the class's.
                narrator.failed("\(student.name) could not be graded: \(error)")
                grades = lessons.map {
                    ExerciseGrade(
                        number: $0.number, slug: $0.slug, title: $0.title, state: .crashed(lastLines: ["not graded: \(error)"]), checks: [])
                }
            }
            GradeReport(narrator: narrator, catalog: catalog, lessons: lessons, scoring: scoring).show(grades)
            let folder = output.appendingPathComponent(student.folder)
            if FileManager.default.fileExists(atPath: folder.path) {
                narrator.step("replacing the results of an earlier grade in \(folder.path)")
            }
            try Exports.write(grades, student: student.name, scoring: scoring, to: folder)
            gradebook.add(student: student.name, grades)
            summary.add(grades)
            if grades.contains(where: { if case .notGraded = $0.state { true } else { false } }) { notGraded.append(student.name) }
        }
        try gradebook.csv.write(to: output.appendingPathComponent("gradebook.csv"), atomically: true, encoding: .utf8)
        try summary.csv.write(to: output.appendingPathComponent("checks.csv"), atomically: true, encoding: .utf8)
        narrator.say("")
        narrator.say("The class, check by check, the least passed first (all of them in checks.csv):")
        narrator.table(
            ["exercise", "check", "passed"],
            summary.hardestFirst.prefix(10).map { [$0.exercise, $0.check, "\($0.passed) of \($0.students)"] })
        narrator.ok("wrote results.json, classroom.json and junit.xml per student, gradebook.csv and checks.csv, to \(output.path)")
        if !notGraded.isEmpty {
            narrator.failed("not graded, through no fault of theirs (the machine ran out of time): \(notGraded.joined(separator: ", ")); grade them again")
        }
        return !notGraded.isEmpty
    }
}

extension GradeCommand {
    /// One student's grades, from a grading copy holding their exercises.
    fileprivate func grade(
        _ student: Students.Student, _ catalog: Catalog, _ lessons: [Lesson], expected: [String: [String]], sandbox: Sandbox, narrator: Narrator
    ) async throws -> [ExerciseGrade] {
        let copy = try GradingCopy(workbook: catalog, submission: student.checkout, lessons: lessons)
        let work = try temporaryFolder("student")
        defer { try? FileManager.default.removeItem(at: work) }
        var grader = Grader(copy: copy, limit: .seconds(timeout))
        grader.onProgress = { narrator.step($0) }
        grader.exerciseSlugs = catalog.exercises.map(\.slug)
        grader.replaceWithStubs = { try copy.replaceWithStubs($0, workbook: catalog) }
        grader.expectedChecks = expected
        grader.refused = copy.refused.filter { slug, _ in lessons.contains { $0.slug == slug } }
        let reach = ReferenceReach(products: copy.scratch.appendingPathComponent("debug"), exercises: catalog.exercises)
        grader.audit = { reach.audit($0) }
        grader.sandbox = sandbox
        grader.buildLimit = buildTimeout.map { .seconds($0) }
        return try await grader.grade(lessons, work: work)
    }
}
