import ArgumentParser
import Foundation
import ProcessKit
import WorkbookKit

/// `workbook bench`: every lesson's headline figure, each measured in a process of its own.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the workbook's figures: calls, orders, the split, the bus, the breaker, the facade.",
        discussion: """
            Builds `workbook-bench` in this command's own configuration and runs it once per figure, \
            each in a process of its own, with a warm-up before every measurement. Run it as \
            `swift run -c release workbook bench` for figures worth quoting; the orders figure adds \
            PostgreSQL when DATABASE_URL names a server.
            """)

    static let figures = ["call", "order", "split", "bus", "breaker", "router"]

    @Option(help: "Also write the results, with the machine and the date, to this JSON file.")
    var json: String?

    @Flag(help: "A tenth of the iterations: rough figures in under a minute once built.")
    var quick = false

    func run() async throws {
        try await WorkbookCommand.guarded("workbook bench") {
            let catalog = try Catalog.current()
            let narrator = Narrator(write: Terminal.writeLine)
            let work = try temporaryFolder("bench")
            defer { try? FileManager.default.removeItem(at: work) }
            let configuration = BuildConfiguration.name
            narrator.title("Benchmarks · \(configuration) build · \(ProcessInfo.processInfo.activeProcessorCount) cores")
            if let advice = BuildConfiguration.timingAdvice { narrator.notice(advice) }

            narrator.step("building workbook-bench (\(configuration))…")
            let package = ["--package-path", catalog.root.path]
            let built = try await spawn(["swift", "build", "-c", configuration, "--product", "workbook-bench"] + package, log: work.appendingPathComponent("build.log"), limit: .seconds(3_600))
            guard built == .exited(0) else {
                throw UsageError("workbook-bench did not build:\n" + lastLines(of: work.appendingPathComponent("build.log"), 15))
            }
            let binPath = work.appendingPathComponent("bin.log")
            _ = try await spawn(["swift", "build", "-c", configuration, "--show-bin-path"] + package, log: binPath)
            let bin = lastLines(of: binPath, 1).trimmingCharacters(in: .whitespacesAndNewlines)
            let executable = URL(fileURLWithPath: bin).appendingPathComponent("workbook-bench").path

            var rows: [BenchRow] = []
            for figure in Self.figures {
                narrator.step("\(figure)…")
                let log = work.appendingPathComponent("\(figure).log")
                let ending = try await spawn([executable, figure] + (quick ? ["--quick"] : []), log: log, limit: .seconds(900))
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                let measured = text.split(separator: "\n").compactMap { line in
                    line.hasPrefix("{") ? try? JSONDecoder().decode(BenchRow.self, from: Data(line.utf8)) : nil
                }
                if ending != .exited(0) || measured.isEmpty {
                    narrator.failed("\(figure) did not finish (\(ending)): \(lastLines(of: log, 3))")
                }
                rows += measured
            }
            narrator.table(["figure", "measured", "p50", "p99", "per second", "note"], rows.map { row in
                [row.figure, row.measured, row.p50Nanoseconds.map { Duration.nanoseconds($0).readable } ?? "",
                 row.p99Nanoseconds.map { Duration.nanoseconds($0).readable } ?? "",
                 row.perSecond.map { $0.formatted(fractionDigits: 0) } ?? "", row.note]
            })
            let report = BenchReport(
                configuration: configuration, cores: ProcessInfo.processInfo.activeProcessorCount,
                date: ISO8601DateFormatter().string(from: Date()), quick: quick, rows: rows)
            narrator.say("Measured \(report.date) on \(report.cores) cores, \(configuration) build\(quick ? ", --quick" : "").")
            if let json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                do { try encoder.encode(report).write(to: URL(fileURLWithPath: json)) } catch {
                    throw UsageError("cannot write \(json): \(error.localizedDescription)")
                }
                narrator.ok("written to \(json)")
            }
        }
    }
}

/// What `--json` writes: the rows, and what they were measured on.
struct BenchReport: Codable {
    var configuration: String
    var cores: Int
    var date: String
    var quick: Bool
    var rows: [BenchRow]
}

/// The last `count` lines of a log file.
private func lastLines(of file: URL, _ count: Int) -> String {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").suffix(count).joined(separator: "\n")
}
