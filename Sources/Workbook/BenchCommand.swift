import ArgumentParser
import Foundation
import LessonKit
import ProcessKit
import WorkbookCatalog
import WorkbookKit

/// `workbook bench`: every lesson's headline figure, each measured in a process of its own.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the workbook's figures: calls, orders, the split, the bus, the breaker, the facade.",
        discussion: """
            Builds the lessons in this command's own configuration and runs every figure of every \
            lesson that has one (a Lessons/NN-slug/Bench.swift: `<lesson> bench` lists them), each \
            in a process of its own, with a warm-up before every measurement. Run it as \
            `swift run -c release workbook bench` for figures worth quoting; the orders figure adds \
            PostgreSQL when DATABASE_URL names a server.
            """)

    @Option(help: "Also write the results, with the machine and the date, to this JSON file.")
    var json: String?

    @Flag(help: "A tenth of the iterations: rough figures in under a minute once built.")
    var quick = false

    func run() async throws {
        try await WorkbookCommand.guarded("workbook bench") {
            let catalog = try Catalog.withSolutions(for: "workbook bench")
            let narrator = Narrator(write: Terminal.writeLine)
            let work = try temporaryFolder("bench")
            defer { try? FileManager.default.removeItem(at: work) }
            let configuration = BuildConfiguration.name
            narrator.title("Benchmarks · \(configuration) build · \(ProcessInfo.processInfo.activeProcessorCount) cores")
            if let advice = BuildConfiguration.timingAdvice { narrator.notice(advice) }

            narrator.step("building the lessons (\(configuration))…")
            let package = ["--package-path", catalog.root.path]
            let built = try await spawn(
                ["swift", "build", "-c", configuration] + package, log: work.appendingPathComponent("build.log"), limit: .seconds(3_600))
            guard built == .exited(0) else {
                throw UsageError("the lessons did not build:\n" + lastLines(of: work.appendingPathComponent("build.log"), 15).joined(separator: "\n"))
            }
            let binPath = work.appendingPathComponent("bin.log")
            _ = try await spawn(["swift", "build", "-c", configuration, "--show-bin-path"] + package, log: binPath)
            let bin = URL(fileURLWithPath: ((try? String(contentsOf: binPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))

            var rows: [BenchRow] = []
            var unfinished: [String] = []
            for lesson in catalog.lessons where catalog.hasFigures(lesson) {
                let executable = bin.appendingPathComponent(lesson.executable).path
                let listing = work.appendingPathComponent("\(lesson.number)-figures.log")
                guard try await spawn([executable, "bench"], log: listing, limit: .seconds(60)) == .exited(0) else {
                    narrator.failed("\(lesson.executable) bench did not list its figures: \(lastLines(of: listing, 3).joined(separator: "\n"))")
                    unfinished.append(lesson.executable)
                    continue
                }
                let figures = ((try? String(contentsOf: listing, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                for figure in figures {
                    narrator.step("\(lesson.executable): \(figure)…")
                    let log = work.appendingPathComponent("\(figure).log")
                    let ending = try await spawn([executable, "bench", figure] + (quick ? ["--quick"] : []), log: log, limit: .seconds(900))
                    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                    let measured = text.split(separator: "\n").compactMap { line in
                        line.hasPrefix("{") ? try? JSONDecoder().decode(BenchRow.self, from: Data(line.utf8)) : nil
                    }
                    if ending != .exited(0) || measured.isEmpty {
                        narrator.failed("\(figure) did not finish (\(ending)): \(lastLines(of: log, 3).joined(separator: "\n"))")
                        unfinished.append(figure)
                    }
                    rows += measured
                }
            }
            narrator.table(
                ["figure", "measured", "p50", "p99", "per second", "floor", "floor p50", "floor /s", "× floor", "note"],
                rows.map { row in
                    [
                        row.figure, row.measured, row.p50Nanoseconds.map { Duration.nanoseconds($0).readable } ?? "",
                        row.p99Nanoseconds.map { Duration.nanoseconds($0).readable } ?? "",
                        row.perSecond.map { $0.formatted(fractionDigits: 0) } ?? "", row.floor?.measured ?? "—",
                        row.floor?.p50Nanoseconds.map { Duration.nanoseconds($0).readable } ?? "",
                        row.floor?.perSecond.map { $0.formatted(fractionDigits: 0) } ?? "",
                        row.timesFloor.map { $0.formatted(fractionDigits: 1) + "×" } ?? "", row.note,
                    ]
                })
            narrator.say(
                "floor: the same work with nothing of ours around it, measured by the same process in the same minute; × floor: the figure's p50 over the floor's, or the floor's rate over the figure's."
            )
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
            if !unfinished.isEmpty {
                narrator.failed("not measured: \(unfinished.joined(separator: ", ")) (see the ✗ lines above)")
                throw ExitCode.failure
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
