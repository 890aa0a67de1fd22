import Foundation
import WorkbookCatalog

/// The checks each exercise has, as the grader learns them from a run in which no student's code
/// is present: the shipped stubs, graded in the grading copy. A student's run is then held to
/// this list (`Grader.holding`): their code runs in the process that reports the checks, so
/// what that process says it ran cannot be the list.
///
/// Remembered in `.workbook/trusted-checks.json` under a digest of the checks' sources, the
/// manifest and whether `DATABASE_URL` is set (the PostgreSQL checks count only then), so that a
/// class costs one listing, and an edit to the checks another.
package struct TrustedChecks: Codable {
    package var digest: String
    package var checks: [String: [String]]

    /// The checks of `lessons`, listed anew when the remembered list is for other checks.
    package static func of(
        _ lessons: [Lesson], in catalog: Catalog, limit: Duration, onProgress: @escaping (String) -> Void
    ) async throws -> [String: [String]] {
        let memory = Memory(catalog)
        let digest = Self.digest(of: catalog)
        var known =
            memory.read("trusted-checks.json", as: TrustedChecks.self).flatMap { $0.digest == digest ? $0 : nil }
            ?? TrustedChecks(digest: digest, checks: [:])
        let missing = lessons.filter { known.checks[$0.slug] == nil }
        guard !missing.isEmpty else { return known.checks }
        onProgress("listing the checks of \(missing.map(\.number).joined(separator: ", ")) from the shipped stubs, to hold each submission to them…")
        let stubs = try temporaryFolder("stubs")
        defer { try? FileManager.default.removeItem(at: stubs) }
        for lesson in missing {
            for (file, text) in try GradingCopy.stubs(of: lesson, in: catalog) {
                let destination = stubs.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: destination, atomically: true, encoding: .utf8)
            }
        }
        let copy = try GradingCopy(workbook: catalog, submission: stubs, lessons: missing)
        let work = try temporaryFolder("listing")
        defer { try? FileManager.default.removeItem(at: work) }
        var grader = Grader(copy: copy, limit: limit)
        grader.onProgress = onProgress
        grader.exerciseSlugs = catalog.exercises.map(\.slug)
        for grade in try await grader.grade(missing, work: work) {
            guard grade.state == .notAttempted, !grade.checks.isEmpty else {
                throw UsageError(
                    "could not list the checks of exercise \(grade.number) from its shipped stub (\(grade.summary)); `swift run workbook verify` says what is wrong"
                )
            }
            known.checks[grade.slug] = grade.checks.map(\.name)
        }
        try memory.write(known, to: "trusted-checks.json")
        return known.checks
    }

    /// A digest of what decides the list: every file of Tests/NN-slug/, the manifest, the database.
    static func digest(of catalog: Catalog) -> String {
        var hash = fnv1a(Array((ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true ? "postgres" : "sqlite").utf8))
        let files =
            ["Package.swift"] + catalog.exercises.flatMap { lesson in catalog.swiftFiles(in: "Tests/\(lesson.slug)").map { "Tests/\(lesson.slug)/\($0)" } }
        for file in files {
            let bytes = (try? Data(contentsOf: catalog.root.appendingPathComponent(file))) ?? Data()
            hash = fnv1a(Array(file.utf8) + [0] + Array(bytes), from: hash)
        }
        return String(hash, radix: 16)
    }
}
