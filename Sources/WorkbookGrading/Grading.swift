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
        /// The submission broke a rule of the grade (a link where a file belongs, a module it
        /// may not import): nothing of this exercise ran, every check scores 0.
        case refused(reasons: [String])
        /// The run ended without reporting every check the grader knows this exercise has (or
        /// its event stream was written by something else too): the missing checks score 0.
        case incomplete(reported: Int, expected: Int, lastLines: [String])
        /// The machine, not the student, stopped the grade (the build ran out of time): no score.
        case notGraded(reason: String)

        /// What the student reads under the summary: compiler errors, a crash's reason, the
        /// reasons for a refusal.
        package var lines: [String] {
            switch self {
            case .notAttempted, .graded: []
            case .crashed(let lines), .timedOut(let lines), .doesNotCompile(let lines), .incomplete(_, _, let lines): lines
            case .refused(let reasons): reasons
            case .notGraded: []  // the summary says why
            }
        }

        /// The same state with its lines made safe to show (`StudentText`).
        var cleaned: State {
            switch self {
            case .notAttempted, .graded: self
            case .crashed(let lines): .crashed(lastLines: StudentText.clean(lines: lines))
            case .timedOut(let lines): .timedOut(lastLines: StudentText.clean(lines: lines))
            case .doesNotCompile(let lines): .doesNotCompile(lastLines: StudentText.clean(lines: lines))
            case .refused(let reasons): .refused(reasons: StudentText.clean(lines: reasons))
            case .incomplete(let reported, let expected, let lines):
                .incomplete(reported: reported, expected: expected, lastLines: StudentText.clean(lines: lines))
            case .notGraded: self
            }
        }
    }

    package struct Check: Sendable, Codable {
        package enum Status: String, Sendable, Codable { case passed, failed, notRun }
        package let name: String
        package let status: Status
        package let message: String?
        /// How long the student's case ran, when it ran to its end.
        package var seconds: Double?

        /// A check's result; its message is cleaned and cut (`StudentText`), since a student's
        /// code can put anything in it.
        package init(name: String, status: Status, message: String?, seconds: Double? = nil) {
            self.name = name
            self.status = status
            self.message = message.map { StudentText.clean($0) }
            self.seconds = seconds
        }
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
    /// Checks left to the instructor's grade: in the student edition, those that compare with the
    /// reference itself and have no recorded outcomes to compare with.
    package var heldOut: Int?

    package init(
        number: String, slug: String, title: String, state: State, checks: [Check], referenceFailures: [String] = [], fingerprint: String? = nil
    ) {
        self.number = number
        self.slug = slug
        self.title = title
        self.state = state.cleaned
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
        case .graded:
            (passedCount == checkCount ? "passing (\(checkCount) of \(checkCount) checks" : "failing (\(passedCount) of \(checkCount) checks pass")
                + heldOutNote + ")"
        case .crashed: "crashed"
        case .timedOut: "timed out"
        case .doesNotCompile: "does not compile"
        case .refused(let reasons): "refused: " + (reasons.first ?? "the submission breaks a rule of the grade")
        case .incomplete(let reported, let expected, _): "incomplete: \(reported) of \(expected) checks reported"
        case .notGraded(let reason): "not graded: " + reason
        }
    }

    /// In the student edition, what the instructor's grade checks besides.
    private var heldOutNote: String {
        guard let heldOut, heldOut > 0 else { return "" }
        return "; your instructor's grade adds \(heldOut) that compare\(heldOut == 1 ? "s" : "") with the reference"
    }

    /// Whether the student's code ran and broke (crashed, hung, did not compile, was refused or
    /// reported too little), rather than ran its checks to their end.
    package var broken: Bool {
        switch state {
        case .notAttempted, .graded, .notGraded: false
        case .crashed, .timedOut, .doesNotCompile, .refused, .incomplete: true
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
    /// The checks each exercise has, from a run the grader trusts (`TrustedChecks`): when set, a
    /// run must report every one of them, and reports of any other name are ignored. Grading a
    /// student's submission sets it, since their code runs in the process that writes the report.
    package var expectedChecks: [String: [String]]?
    /// Exercises refused before they were built, by slug, with the reasons (a link in the
    /// submission, say): the shipped stubs stand in for them, and they score 0.
    package var refused: [String: [String]] = [:]
    /// Checks the build before tests run (`ReferenceReach`): exercises it names are refused.
    package var audit: ((Set<String>) throws -> [String: [String]])?
    /// Runs the checks' process inside a sandbox (`Sandbox`), or as it is when nil.
    package var sandbox: Sandbox?
    /// How long a build may take; nil chooses: a cold build (no build folder yet) gets 90
    /// minutes, an incremental one 30.
    package var buildLimit: Duration?
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
        var refused = self.refused
        if !refused.isEmpty, let replaceWithStubs {
            onProgress("exercise(s) \(refused.keys.sorted().joined(separator: ", ")) refused: grading the rest with the shipped stubs in their place…")
            try replaceWithStubs(Set(refused.keys))
        }
        var built = try await build(log: buildLog)
        if let limit = built.outOfTime { return notGraded(lessons, limit) }
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
                if let limit = built.outOfTime { return notGraded(lessons, limit) }
            }
        }
        // What the compiler wrote for the exercises as they will be graded (the ones that did not
        // compile are stubs by now).
        if built.succeeded, let audit, let replaceWithStubs {
            let reaching = try audit(Set(exerciseSlugs).subtracting(refused.keys).subtracting(broken.keys))
            if !reaching.isEmpty {
                onProgress(
                    "exercise(s) \(reaching.keys.sorted().joined(separator: ", ")) reach code they may not: grading the rest with the shipped stubs in their place…"
                )
                refused.merge(reaching) { $0 + $1 }
                try replaceWithStubs(Set(reaching.keys))
                built = try await build(log: buildLog)
                if let limit = built.outOfTime { return notGraded(lessons, limit) }
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
            if let reasons = refused[lesson.slug] {
                let names = expectedChecks?[lesson.slug] ?? knownChecks[lesson.slug] ?? []
                grades.append(
                    ExerciseGrade(
                        number: lesson.number, slug: lesson.slug, title: lesson.title, state: .refused(reasons: reasons),
                        checks: names.map { ExerciseGrade.Check(name: $0, status: .failed, message: "refused: " + reasons.joined(separator: "; ")) }))
                continue
            }
            let run = try await test(lesson, work: work, suffix: "")
            runs[lesson.slug] = run
            var grade = Self.grade(lesson, run.events, ending: run.ending, log: run.log, known: knownChecks[lesson.slug] ?? [])
            if let expected = expectedChecks?[lesson.slug] { grade = Self.holding(grade, to: expected, events: run.events) }
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
        guard !unlisted.isEmpty, expectedChecks == nil, let replaceWithStubs else { return grades }
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
        // A folder of its own for what the run writes, the one folder a sandboxed run may write.
        let folder = work.appendingPathComponent("\(lesson.number)\(suffix)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stream = folder.appendingPathComponent("events.jsonl")
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
        if coverage { environment["LLVM_PROFILE_FILE"] = (sandbox == nil ? work : folder).appendingPathComponent("profile-%p.profraw").path }
        let ending: Ending
        if let sandbox {
            // The build folder only: the grading copy's sources (the references, the checks) stay out.
            ending = try await sandbox.run(
                command, log: log, limit: limit, environment: environment, writable: folder,
                readable: [scratch ?? checkout.appendingPathComponent(".build")])
        } else {
            ending = try await spawn(command, log: log, limit: limit, environment: environment)
        }
        return (EventStream(contentsOf: stream), ending, log)
    }

    /// Every exercise not graded, because the machine ran out of time building them.
    private func notGraded(_ lessons: [Lesson], _ limit: Duration) -> [ExerciseGrade] {
        let reason =
            "the build took longer than \(limit.components.seconds) s on this machine (not the submission's fault: grade again when the machine is quieter, or with a warm build folder)"
        onProgress(reason)
        return lessons.map { ExerciseGrade(number: $0.number, slug: $0.slug, title: $0.title, state: .notGraded(reason: reason), checks: []) }
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
    private func build(log: URL) async throws -> (succeeded: Bool, errors: [String], outOfTime: Duration?) {
        let what = buildsLessons ? ["--build-tests"] : Self.testProduct(of: checkout).map { ["--product", $0] } ?? ["--build-tests"]
        let folder = (scratch ?? checkout.appendingPathComponent(".build")).appendingPathComponent("debug")
        let limit = buildLimit ?? (FileManager.default.fileExists(atPath: folder.path) ? .seconds(1_800) : .seconds(5_400))
        let ending = try await spawn(["swift", "build"] + what + packageArguments, log: log, limit: limit)
        if ending == .timedOut { return (false, [], limit) }
        // Paths from the package's root ("Exercises/06-strangler-fig/Routing.swift:1:1: error: …"),
        // each error once: the compiler reports some twice, and the checkout's own path means
        // nothing to a student whose work was copied into a grading copy.
        let root = checkout.standardizedFileURL.path + "/"
        var seen = Set<String>()
        let errors = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.contains("error:") }
            .map { $0.replacingOccurrences(of: root, with: "") }.filter { seen.insert($0).inserted }
        return (ending == .exited(0), errors, nil)
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
        if !events.heldOut.isEmpty { grade.heldOut = events.heldOut.count }
        return grade
    }
}

extension Grader {
    /// `grade` held to the checks the grader knows its exercise has: one it did not report
    /// fails ("incomplete: N of M checks reported"), one the grader does not know is dropped, and
    /// an event stream that something else wrote to (a second end, records after the end) counts
    /// for nothing.
    package static func holding(_ grade: ExerciseGrade, to expected: [String], events: EventStream) -> ExerciseGrade {
        if let tampered = events.tampered {
            return ExerciseGrade(
                number: grade.number, slug: grade.slug, title: grade.title,
                state: .incomplete(reported: 0, expected: expected.count, lastLines: [tampered]),
                checks: expected.map { ExerciseGrade.Check(name: $0, status: .failed, message: tampered) })
        }
        var reported: [String: ExerciseGrade.Check] = [:]
        for check in grade.checks where reported[check.name] == nil { reported[check.name] = check }
        let missing = expected.filter { reported[$0] == nil }
        let checks = expected.map {
            reported[$0] ?? ExerciseGrade.Check(name: $0, status: .failed, message: "not reported: the checks' process ended without this check's result")
        }
        var state = grade.state
        if !missing.isEmpty, state == .graded || state == .notAttempted {
            let named = missing.prefix(3).joined(separator: "; ") + (missing.count > 3 ? "; …" : "")
            state = .incomplete(
                reported: expected.count - missing.count, expected: expected.count,
                lastLines: ["the run ended without reporting \(missing.count) check(s): \(named)"])
        }
        var held = ExerciseGrade(number: grade.number, slug: grade.slug, title: grade.title, state: state, checks: checks)
        held.referenceFailures = grade.referenceFailures
        return held
    }

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
