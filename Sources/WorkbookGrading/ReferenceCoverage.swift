import Foundation
import ProcessKit
import WorkbookCatalog

/// How much of each reference solution the graded checks execute, from llvm-cov's JSON export
/// of the profiles the grade's own runs wrote (Linux, where the grade runs the test bundle
/// itself), or of one more `swift test --enable-code-coverage` run of every exercise's checks.
package struct ReferenceCoverage {
    package struct File {
        package let path: String
        package let lines: Int
        package let covered: Int
        /// Lines where a region starts that never ran: where to look.
        package let unrun: [Int]
        package var complete: Bool { covered == lines }
    }

    package let files: [File]

    /// Reads what the graded checks of `lessons` executed of `Solutions/`, in the build `grader`
    /// made and graded them with (`work` is the folder it graded in).
    package static func measure(_ lessons: [Lesson], with grader: Grader, work: URL) async throws -> ReferenceCoverage {
        let (data, source) = try await export(lessons, with: grader, work: work)
        guard let export = try? JSONDecoder().decode(Export.self, from: data) else { throw UsageError("no coverage report in \(source)") }
        let files = (export.data.first?.files ?? []).filter { $0.filename.contains("/Solutions/") }.map { file in
            let unrun = file.segments.map { $0.map(\.value) }.filter { $0.count >= 5 }.compactMap { segment -> Int? in
                // [line, column, count, hasCount, isRegionEntry, isGapRegion]
                segment[3] != 0 && segment[4] != 0 && segment[2] == 0 && (segment.count < 6 || segment[5] == 0) ? segment[0] : nil
            }
            let relative = file.filename.components(separatedBy: "/Solutions/").last.map { "Solutions/" + $0 } ?? file.filename
            return File(path: relative, lines: file.summary.lines.count, covered: file.summary.lines.covered, unrun: Array(Set(unrun)).sorted())
        }
        return ReferenceCoverage(files: files.sorted { $0.path < $1.path })
    }

    /// llvm-cov's JSON export, and where it came from (for an error).
    private static func export(_ lessons: [Lesson], with grader: Grader, work: URL) async throws -> (Data, String) {
        let profiles = ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [])
            .filter { $0.hasPrefix("profile-") && $0.hasSuffix(".profraw") }.sorted().map { work.appendingPathComponent($0).path }
        if let bundle = grader.testBundle, !profiles.isEmpty, let tools = toolchainBinaries() {
            // The profiles of the grade's own runs, one per exercise: the checks need not run again.
            let merged = work.appendingPathComponent("graded.profdata").path
            let merging = try runToEnd([tools.appendingPathComponent("llvm-profdata").path, "merge", "-sparse", "-o", merged] + profiles)
            guard merging.status == 0 else { throw UsageError("llvm-profdata could not merge the grade's profiles: \(merging.errors)") }
            let exported = try runToEnd([tools.appendingPathComponent("llvm-cov").path, "export", "-instr-profile", merged, bundle.path])
            guard exported.status == 0 else { throw UsageError("llvm-cov could not export the coverage: \(exported.errors)") }
            return (Data(exported.output.utf8), "llvm-cov export of \(profiles.count) profiles in \(work.path)")
        }
        let filter = "^(" + lessons.map(\.testModule).joined(separator: "|") + ")\\."
        let log = work.appendingPathComponent("coverage.log")
        _ = try await spawn(["swift", "test", "--skip-build"] + grader.packageArguments + ["--filter", filter], log: log, limit: .seconds(900))
        let pathLog = work.appendingPathComponent("coverage-path.log")
        _ = try await spawn(["swift", "test", "--show-codecov-path"] + grader.packageArguments, log: pathLog)
        let path = lastLines(of: pathLog, 5).last { $0.hasSuffix(".json") } ?? ""
        return (FileManager.default.contents(atPath: path) ?? Data(), "\"\(path)\"; see \(log.path)")
    }

    /// The folder of the `swift` that builds here, whose llvm-profdata and llvm-cov read the
    /// profiles its compiler wrote (another LLVM on PATH may not: Debian's is older).
    private static func toolchainBinaries() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
            guard FileManager.default.isExecutableFile(atPath: swift.path) else { continue }
            let tools = swift.resolvingSymlinksInPath().deletingLastPathComponent()
            return FileManager.default.isExecutableFile(atPath: tools.appendingPathComponent("llvm-cov").path) ? tools : nil
        }
        return nil
    }

    private struct Export: Decodable {
        struct Data: Decodable { let files: [FileData] }
        struct FileData: Decodable {
            package let filename: String
            package let segments: [[Number]]
            package let summary: Summary
        }
        struct Summary: Decodable { let lines: Count }
        struct Count: Decodable {
            package let count: Int
            package let covered: Int
        }
        let data: [Data]
    }

    /// A segment's field: a number, or a flag written as true/false.
    private struct Number: Decodable {
        let value: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { value = flag ? 1 : 0 } else { value = try container.decode(Int.self) }
        }
    }
}
