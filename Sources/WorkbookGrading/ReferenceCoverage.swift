import Foundation
import WorkbookCatalog

/// How much of each reference solution the graded checks execute, from llvm-cov's JSON export
/// of one `swift test --enable-code-coverage` run of every exercise's checks.
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

    /// Runs the graded checks of `lessons` once more with coverage on, in the build `grader`
    /// already made, and reads what they executed of `Solutions/`.
    package static func measure(_ lessons: [Lesson], with grader: Grader, work: URL) async throws -> ReferenceCoverage {
        let filter = "^(" + lessons.map(\.testModule).joined(separator: "|") + ")\\."
        let log = work.appendingPathComponent("coverage.log")
        _ = try await spawn(["swift", "test", "--skip-build"] + grader.packageArguments + ["--filter", filter], log: log, limit: .seconds(900))
        let pathLog = work.appendingPathComponent("coverage-path.log")
        _ = try await spawn(["swift", "test", "--show-codecov-path"] + grader.packageArguments, log: pathLog)
        let path = lastLines(of: pathLog, 5).last { $0.hasSuffix(".json") } ?? ""
        guard let data = FileManager.default.contents(atPath: path),
            let export = try? JSONDecoder().decode(Export.self, from: data)
        else { throw UsageError("no coverage report at \"\(path)\"; see \(log.path)") }
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
