import Foundation
import LessonKit
import ProcessKit
import WorkbookCatalog

/// Each lesson's run of the reference, recorded into the student edition
/// (`Lessons/NN-slug/recorded-run.txt`), which `RecordedRun` shows while the student's exercise
/// is not written yet. Made from this checkout's built lessons (debug, `.build/debug`), each as a
/// student first runs it: no flags, on SQLite (`DATABASE_URL` left out), without colour.
enum RecordedRuns {
    /// Records every lesson whose executable is built; answers the lessons it recorded and, for
    /// the others, why not.
    static func record(_ catalog: Catalog, into edition: URL, commit: String, narrator: Narrator) async throws -> (recorded: [String], missed: [String]) {
        var recorded: [String] = []
        var missed: [String] = []
        let products = catalog.root.appendingPathComponent(".build/debug")
        for lesson in catalog.lessons {
            let executable = products.appendingPathComponent(lesson.executable)
            guard FileManager.default.isExecutableFile(atPath: executable.path) else {
                missed.append("\(lesson.executable): not built (swift build --product \(lesson.executable) first)")
                continue
            }
            narrator.step("recording `swift run \(lesson.executable)` with the reference…")
            let log = try temporaryFolder("recording").appendingPathComponent("run.txt")
            let started = ContinuousClock.now
            let ending = try await spawn(
                ["/usr/bin/env", "-u", "DATABASE_URL", executable.path], log: log, limit: .seconds(600), environment: ["NO_COLOR": "1"])
            let seconds = (ContinuousClock.now - started).components.seconds
            guard ending == .exited(0), let text = try? String(contentsOf: log, encoding: .utf8) else {
                missed.append("\(lesson.executable): the run ended \(ending) (\(lastLines(of: log, 1).joined()))")
                continue
            }
            let header = """
                ┄┄ Recorded by `workbook edition` on \(Self.today) from commit \(commit): `swift run \(lesson.executable)` with the
                ┄┄ reference solution, a debug build, on \(Self.machine), in \(seconds) s. Every figure below
                ┄┄ is that machine's on that day; a run of yours will differ.

                """
            let file = edition.appendingPathComponent("Lessons/\(lesson.slug)/\(RecordedRun.fileName)")
            try (header + text).write(to: file, atomically: true, encoding: .utf8)
            recorded.append(lesson.executable)
        }
        return (recorded, missed)
    }

    static var today: String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return format.string(from: Date())
    }

    /// "Linux x86_64, 2 cores".
    static var machine: String {
        #if os(Linux)
            let system = "Linux"
        #elseif os(macOS)
            let system = "macOS"
        #else
            let system = "this system"
        #endif
        #if arch(x86_64)
            let architecture = "x86_64"
        #elseif arch(arm64)
            let architecture = "arm64"
        #else
            let architecture = "another processor"
        #endif
        return "\(system) \(architecture), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}
