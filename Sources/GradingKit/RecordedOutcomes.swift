import Foundation
import PropertyBased

/// What the reference did on a fixed list of generated inputs, kept beside an exercise's checks
/// (`Tests/NN-slug/Recorded/NAME.json`): inputs and outcomes only, no code. The student edition
/// holds the reference out; with these, its differential checks still compare the student's code
/// with what the reference does, on the same inputs every time.
///
/// The inputs are not stored: they are made again from one fixed seed by the check's own
/// generator, which the edition ships. The file holds one outcome per input, each a list of
/// lines (a decision, a state, a transition) as the check prints them.
///
/// In the instructor's copy, `swift test` checks that the file is what the reference does today
/// (a reference changed without recording again fails there), and writes it anew when
/// `WORKBOOK_RECORD` is set: `WORKBOOK_RECORD=1 swift test --filter Differential`.
public struct RecordedOutcomes: Sendable {
    /// The variable that makes the reference's runs write the file instead of checking it.
    public static let variable = "WORKBOOK_RECORD"
    /// The seed every recorded input is made from.
    static let seed: (UInt64, UInt64, UInt64, UInt64) = (0x4d6f_6e6f_6c69_7468, 0x4669_7273_7421_0001, 0x0000_0000_0000_0005, 0x0000_0000_0000_0006)

    public let file: URL

    /// The file `name` in the `Recorded` folder beside the check file that says `checks`.
    public init(_ name: String, checks: StaticString = #filePath) {
        file = URL(fileURLWithPath: "\(checks)").deletingLastPathComponent().appendingPathComponent("Recorded/\(name).json")
    }

    /// `count` inputs from `generator`: the same on every machine and every run.
    public static func inputs<Value, Shrinks>(_ generator: Generator<Value, Shrinks>, count: Int) -> [Value] {
        var random = Xoshiro(seed: seed)
        return (0..<count).map { _ in generator.run(using: &random) }
    }

    /// Whether this run writes the file (`WORKBOOK_RECORD` is set).
    public static var recording: Bool { ProcessInfo.processInfo.environment[variable] != nil }

    /// The recorded outcomes, one per input.
    public func outcomes() throws -> [[String]] {
        do {
            return try JSONDecoder().decode([[String]].self, from: Data(contentsOf: file))
        } catch {
            throw Missing(file: file, underlying: "\(error)")
        }
    }

    public func write(_ outcomes: [[String]]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(outcomes).write(to: file)
    }

    /// The recorded file cannot be read.
    public struct Missing: Error, CustomStringConvertible {
        public let file: URL
        public let underlying: String
        public var description: String {
            "the reference's recorded outcomes (\(file.lastPathComponent)) could not be read (\(underlying)): the workbook is broken here, tell your instructor"
        }
    }
}
