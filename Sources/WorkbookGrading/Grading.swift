import Foundation
import ProcessKit
import WorkbookCatalog

/// The grade of one exercise.
package struct ExerciseGrade: Sendable, Codable {
    package enum State: Sendable, Codable, Equatable {
        case notAttempted
        case graded
        case crashed(lastLines: [String])
        case timedOut(lastLines: [String])
        case doesNotCompile(lastLines: [String])
    }

    package struct Check: Sendable, Codable {
        package enum Status: String, Sendable, Codable { case passed, failed, notRun }
        package let name: String
        package let status: Status
        package let message: String?
        /// How long the student's case ran, when it ran to its end.
        package var seconds: Double?
    }

    package let number: String
    package let slug: String
    package let title: String
    package let state: State
    package let checks: [Check]
    /// Checks whose reference case failed: the workbook itself is broken there.
    package var referenceFailures: [String] = []
    /// The exercise's files when they were graded (`Catalog.fingerprint(of:)`), to tell a stale grade.
    package var fingerprint: String?

    package init(
        number: String, slug: String, title: String, state: State, checks: [Check], referenceFailures: [String] = [], fingerprint: String? = nil
    ) {
        self.number = number
        self.slug = slug
        self.title = title
        self.state = state
        self.checks = checks
        self.referenceFailures = referenceFailures
        self.fingerprint = fingerprint
    }

    /// How many checks passed; what they are worth is the exercise's `GradingPolicy`'s to say.
    package var passedCount: Int { checks.filter { $0.status == .passed }.count }
    package var checkCount: Int { checks.count }
    package var attempted: Bool { state != .notAttempted }
    /// Attempted and not everything passed.
    package var failing: Bool {
        switch state {
        case .notAttempted: false
        case .graded: passedCount < checkCount
        default: true
        }
    }

    /// For `workbook list`: not attempted, passing, failing with n of m checks, crashed…
    package var summary: String {
        switch state {
        case .notAttempted: "not attempted"
        case .graded: passedCount == checkCount ? "passing (\(checkCount) of \(checkCount) checks)" : "failing (\(passedCount) of \(checkCount) checks pass)"
        case .crashed: "crashed"
        case .timedOut: "timed out"
        case .doesNotCompile: "does not compile"
        }
    }
}

/// Grades exercises in a checkout: one build, then one `swift test` process per exercise.
package struct Grader {
    package let checkout: URL
    package let scratch: URL?
    package let limit: Duration
    package var onProgress: (String) -> Void = { _ in }
    /// Every exercise's folder by slug, to tell which exercise a compiler error is in.
    package var exerciseSlugs: [String] = []
    /// Puts shipped stubs in place of exercises that do not compile; nil grades nothing then.
    package var replaceWithStubs: ((Set<String>) throws -> Void)?
    /// Check names per exercise from earlier complete runs, for an exercise whose process died
    /// before it could list its checks.
    package var knownChecks: [String: [String]] = [:]
    /// Builds and tests with code coverage: a grading copy's grader (`init(copy:limit:)`).
    package private(set) var coverage = false
    /// Builds the lesson executables too (`workbook verify`'s solved copy, whose lessons CI runs);
    /// grading itself needs only the test bundle.
    package var buildsLessons = false
    /// A seed a failed generated run printed: each check's generated runs replay the input it
    /// made, once (`ReplaySeed` in the checks), instead of making new ones.
    package var seed: String?

    package init(checkout: URL, scratch: URL?, limit: Duration) {
        self.checkout = checkout
        self.scratch = scratch
        self.limit = limit
    }

    /// A grader for a grading copy. Its build is always instrumented for code coverage: `workbook
    /// verify` measures the references' coverage in it, and a build without that flag would
    /// compile every target again, dependencies included (3 minutes here), each time an
    /// instructor went from `verify` to `grade --student` or back.
    package init(copy: GradingCopy, limit: Duration) {
        self.init(checkout: copy.checkout, scratch: copy.scratch, limit: limit)
        coverage = true
    }

    package func grade(_ lessons: [Lesson], work: URL) async throws -> [ExerciseGrade] {
        let buildLog = work.appendingPathComponent("build.log")
        onProgress("building the workbook and its tests…")
        var broken: [String: [String]] = [:]
        var built = try await build(log: buildLog)
        if !built.succeeded, let replaceWithStubs {
            for slug in exerciseSlugs {
                let mine = built.errors.filter { $0.contains("Exercises/\(slug)/") }
                if !mine.isEmpty { broken[slug] = Array(mine.prefix(15)) }
            }
            if !broken.isEmpty {
                onProgress(
                    "exercise(s) \(broken.keys.sorted().joined(separator: ", ")) do not compile: grading the rest with the shipped stubs in their place…")
                try replaceWithStubs(Set(broken.keys))
                built = try await build(log: buildLog)
            }
        }
        guard built.succeeded else {
            let shown = built.errors.isEmpty ? lastLines(of: buildLog, 15) : Array(built.errors.prefix(15))
            let culprits = exerciseSlugs.filter { slug in built.errors.contains { $0.contains("Exercises/\(slug)/") } }
            return lessons.map { lesson in
                let mine = built.errors.filter { $0.contains("Exercises/\(lesson.slug)/") }
                let lines =
                    !mine.isEmpty
                    ? Array(mine.prefix(15))
                    : culprits.isEmpty ? shown : ["not graded: the workbook does not build because of \(culprits.joined(separator: ", "))"]
                return ExerciseGrade(number: lesson.number, slug: lesson.slug, title: lesson.title, state: .doesNotCompile(lastLines: lines), checks: [])
            }
        }
        var grades: [ExerciseGrade] = []
        var runs: [String: (events: EventStream, ending: Ending, log: URL)] = [:]
        for lesson in lessons {
            onProgress("grading exercise \(lesson.number) (\(lesson.slug))…")
            let run = try await test(lesson, work: work, suffix: "")
            runs[lesson.slug] = run
            let grade = Self.grade(lesson, run.events, ending: run.ending, log: run.log, known: knownChecks[lesson.slug] ?? [])
            guard let errors = broken[lesson.slug] else {
                grades.append(grade)
                continue
            }
            grades.append(
                ExerciseGrade(
                    number: grade.number, slug: grade.slug, title: grade.title, state: .doesNotCompile(lastLines: errors),
                    checks: grade.checks.map { ExerciseGrade.Check(name: $0.name, status: .failed, message: "the exercise does not compile") }))
        }
        return try await chargeUnlistedChecks(grades, lessons, runs, work: work, buildLog: buildLog)
    }

    /// An exercise that hung or crashed before its test process listed a single check (one that
    /// hangs while Swift Testing plans the run does), with no earlier run to name them, would
    /// cost the student nothing: 0 of 0. Its checks are listed instead from a run of the shipped
    /// stub (which is not attempted, so it runs in seconds) and all charged as failed.
    private func chargeUnlistedChecks(
        _ grades: [ExerciseGrade], _ lessons: [Lesson], _ runs: [String: (events: EventStream, ending: Ending, log: URL)],
        work: URL, buildLog: URL
    ) async throws -> [ExerciseGrade] {
        let unlisted = lessons.filter { lesson in
            grades.contains { $0.slug == lesson.slug && $0.checks.isEmpty && ($0.state != .graded && $0.state != .notAttempted) }
        }
        guard !unlisted.isEmpty, let replaceWithStubs else { return grades }
        onProgress("listing the checks of \(unlisted.map(\.slug).joined(separator: ", ")) from the shipped stub, to charge them…")
        try replaceWithStubs(Set(unlisted.map(\.slug)))
        guard try await build(log: buildLog).succeeded else { return grades }
        var charged = grades
        for lesson in unlisted {
            let names = try await test(lesson, work: work, suffix: "-stub").events.graded.map(\.name)
            guard let run = runs[lesson.slug], let index = charged.firstIndex(where: { $0.slug == lesson.slug }) else { continue }
            charged[index] = Self.grade(lesson, run.events, ending: run.ending, log: run.log, known: names)
        }
        return charged
    }

    /// Runs one exercise's tests in a `swift test` process of their own, with the time limit.
    private func test(_ lesson: Lesson, work: URL, suffix: String) async throws -> (events: EventStream, ending: Ending, log: URL) {
        let stream = work.appendingPathComponent("\(lesson.number)\(suffix).jsonl")
        let log = work.appendingPathComponent("\(lesson.number)\(suffix).log")
        try? FileManager.default.removeItem(at: stream)
        let selection = ["--filter", "^\(lesson.testModule)\\.", "--event-stream-output-path", stream.path, "--event-stream-version", "0"]
        // Without --enable-code-coverage even where the build had it: `swift test` would then merge
        // and export the whole bundle's coverage after every exercise. An instrumented bundle
        // writes its profile where LLVM_PROFILE_FILE says, not into the checkout.
        let command =
            testBundle.map { [$0.path, "--testing-library", "swift-testing"] + selection }
            ?? ["swift", "test", "--skip-build"] + locationArguments + selection
        var environment = checkEnvironment
        if coverage { environment["LLVM_PROFILE_FILE"] = work.appendingPathComponent("profile-%p.profraw").path }
        let ending = try await spawn(command, log: log, limit: limit, environment: environment)
        return (EventStream(contentsOf: stream), ending, log)
    }

    /// What the checks' process is given: `WORKBOOK_GRADE`, which leaves out the suites that
    /// check the workbook rather than the student (GradingKit's `NotInTheGrade`), and the seed to
    /// replay.
    package var checkEnvironment: [String: String] {
        var environment = ["WORKBOOK_GRADE": "1"]
        environment["WORKBOOK_SEED"] = seed
        return environment
    }

    /// The built test bundle, run directly where it is an executable that runs Swift Testing
    /// when asked (Linux): `swift test --skip-build` would plan the whole package again first,
    /// about 3 s of every grade here, and run the bundle twice more for XCTest, which has no
    /// checks in this package. On macOS the bundle needs Xcode's runner, so `swift test` runs it.
    package var testBundle: URL? {
        #if os(Linux)
            guard let product = Self.testProduct(of: checkout) else { return nil }
            let bundle = (scratch ?? checkout.appendingPathComponent(".build")).appendingPathComponent("debug/\(product).xctest")
            return FileManager.default.isExecutableFile(atPath: bundle.path) ? bundle : nil
        #else
            return nil
        #endif
    }

    /// Builds the test bundle (and the lessons, with ``buildsLessons``); answers whether it
    /// built and the compiler's error lines. The bundle alone skips relinking every lesson
    /// executable after an edit to one exercise.
    private func build(log: URL) async throws -> (succeeded: Bool, errors: [String]) {
        let what = buildsLessons ? ["--build-tests"] : Self.testProduct(of: checkout).map { ["--product", $0] } ?? ["--build-tests"]
        let ending = try await spawn(["swift", "build"] + what + packageArguments, log: log, limit: .seconds(1_800))
        // Paths from the package's root ("Exercises/06-strangler-fig/Routing.swift:1:1: error: …"),
        // each error once: the compiler reports some twice, and the checkout's own path means
        // nothing to a student whose work was copied into a grading copy.
        let root = checkout.standardizedFileURL.path + "/"
        var seen = Set<String>()
        let errors = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.contains("error:") }
            .map { $0.replacingOccurrences(of: root, with: "") }.filter { seen.insert($0).inserted }
        return (ending == .exited(0), errors)
    }

    /// SwiftPM's product for every test target of the package at `checkout`: the package's name
    /// and "PackageTests".
    package static func testProduct(of checkout: URL) -> String? {
        guard let manifest = try? String(contentsOf: checkout.appendingPathComponent("Package.swift"), encoding: .utf8),
            let match = manifest.firstMatch(of: /Package\(\s*name:\s*"([^"]+)"/)
        else { return nil }
        return match.1 + "PackageTests"
    }

    /// The package and its build folder, for `swift build` and `swift test`, with the coverage flag.
    package var packageArguments: [String] {
        locationArguments + (coverage ? ["--enable-code-coverage"] : [])
    }

    private var locationArguments: [String] {
        ["--package-path", checkout.path] + (scratch.map { ["--scratch-path", $0.path] } ?? [])
    }

    package static func grade(_ lesson: Lesson, _ events: EventStream, ending: Ending, log: URL, known: [String] = []) -> ExerciseGrade {
        let notAttempted = events.notAttempted.contains(lesson.number)
        let broken =
            ending == .timedOut
            ? "the tests timed out before this check finished"
            : !events.finished ? "the test process crashed before this check finished" : nil
        // A process that died before listing its checks still owes every check it would have run.
        let listed = events.graded.isEmpty && broken != nil ? known.map { EventStream.Check(name: $0) } : events.graded
        let checks = listed.map { check in
            // A check that ran to its end before the crash keeps its result.
            if let broken, !notAttempted, check.studentFailures.isEmpty, !(check.ended && check.studentRan) {
                return ExerciseGrade.Check(name: check.name, status: .failed, message: broken)
            }
            if notAttempted || !check.studentRan {
                return ExerciseGrade.Check(name: check.name, status: .notRun, message: nil)
            }
            return ExerciseGrade.Check(
                name: check.name, status: check.studentFailures.isEmpty ? .passed : .failed,
                message: Self.message(check.studentFailures, exercise: lesson.number), seconds: check.studentSeconds)
        }
        let state: ExerciseGrade.State
        if ending == .timedOut {
            state = .timedOut(lastLines: output(of: log))
        } else if !events.finished {
            state = .crashed(lastLines: crashReason(in: log) ?? output(of: log))
        } else {
            state = notAttempted ? .notAttempted : .graded
        }
        var grade = ExerciseGrade(number: lesson.number, slug: lesson.slug, title: lesson.title, state: state, checks: checks)
        grade.referenceFailures = events.graded.filter { !$0.referenceFailures.isEmpty }.map(\.name)
        return grade
    }
}

extension Grader {
    /// The failure a student reads: the check's own first message. PropertyBased adds one of its
    /// own to every failed generated run ("Failure occured with input …", then a `.fixedSeed`
    /// to paste into a test file): the check's message already names the shrunk scenario, and a
    /// student edits no test file, so it is left out unless it is all there is — and its seed
    /// becomes the grade command that replays that run.
    package static func message(_ failures: [String], exercise: String) -> String? {
        let ours = failures.filter { !$0.contains(".fixedSeed(") && !$0.hasPrefix("Failure occured with input") }
        guard let first = ours.first ?? failures.first else { return nil }
        let message = first.replacing(/\n?Add `\.fixedSeed\([^)]*\)` to the Test to reproduce this issue\./, with: "")
        guard let seed = failures.lazy.compactMap({ $0.firstMatch(of: /\.fixedSeed\("([A-Za-z0-9+\/=]+)"\)/)?.1 }).first else { return message }
        return message + "\nReplay this generated run: swift run workbook grade \(exercise) --seed \(seed)"
    }
}

/// The last lines of a test log worth reading: without the "◇ … started" progress lines.
package func output(of log: URL) -> [String] {
    Array(lastLines(of: log, 400).filter { !$0.hasPrefix("◇") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }.suffix(12))
}

/// Why a test process crashed, in lines a student can act on: the runtime's message (a fatal
/// error, a failed precondition, a nil unwrapped) and the crashing code's frames in Exercises/ —
/// not the registers and the list of loaded images that end a crash report. Nil when the log
/// holds no such message.
package func crashReason(in log: URL) -> [String]? {
    let lines = lastLines(of: log, 2_000)
    let messages = ["Fatal error:", "Precondition failed", "Assertion failed", "Unexpectedly found nil", "Program crashed:"]
    guard let message = lines.first(where: { line in messages.contains { line.contains($0) } }) else { return nil }
    let frames = lines.compactMap { line -> String? in
        guard let at = line.range(of: " at ", options: .backwards), let exercise = line[at.upperBound...].range(of: "Exercises/") else { return nil }
        // "  1 [ra]   0x0000… CircuitBreaker.acquirePermission() + 526 in Tests.xctest at /…/Exercises/…:41:49"
        let function = line[..<at.lowerBound].split(separator: " ").drop { !$0.hasPrefix("0x") }.dropFirst().prefix { $0 != "+" }.joined(separator: " ")
        return "  in \(function) at \(line[exercise.lowerBound...])"
    }
    return [message.trimmingCharacters(in: .whitespaces)] + frames.prefix(5)
}
