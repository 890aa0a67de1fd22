import ArgumentParser
import Foundation

/// One of a lesson's measured figures, for `workbook bench`: its name and how to measure it at a
/// scale (1 for the full iterations, 0.1 for `--quick`).
public struct BenchFigure: Sendable {
    public let name: String
    public let measure: @Sendable (_ scale: Double) async throws -> [BenchRow]

    public init(_ name: String, measure: @escaping @Sendable (_ scale: Double) async throws -> [BenchRow]) {
        self.name = name
        self.measure = measure
    }

    /// `full` iterations at `scale`, never fewer than 20.
    public static func count(_ full: Int, scale: Double) -> Int { max(20, Int(Double(full) * scale)) }
}

/// The options of every lesson's hidden `bench` subcommand, which `workbook bench` runs:
/// `<lesson> bench` lists the lesson's figures, one per line; `<lesson> bench FIGURE [--quick]`
/// measures one and prints its rows as JSON lines.
public struct BenchOptions: ParsableArguments {
    /// The subcommand's configuration: hidden from `--help`, it is `workbook bench`'s.
    public static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure one of this lesson's figures for `workbook bench` (JSON lines).",
        shouldDisplay: false)

    @Argument(help: "The figure to measure; without one, the figures are listed.")
    var figure: String?

    @Flag(help: "A tenth of the iterations: rough figures, quickly.")
    var quick = false

    public init() {}

    /// Lists `figures`, or measures the one asked for and prints its rows.
    public func run(_ figures: [BenchFigure]) async throws {
        guard let figure else {
            for figure in figures { Terminal.writeLine(figure.name) }
            return
        }
        guard let chosen = figures.first(where: { $0.name == figure }) else {
            throw ValidationError("no figure \(figure); this lesson's are \(figures.map(\.name).joined(separator: ", "))")
        }
        let rows: [BenchRow]
        do {
            rows = try await chosen.measure(quick ? 0.1 : 1)
        } catch {
            Terminal.printError("bench \(figure): \(error)")
            throw ExitCode.failure
        }
        for row in rows { Terminal.writeLine(String(decoding: try JSONEncoder().encode(row), as: UTF8.self)) }
    }
}
