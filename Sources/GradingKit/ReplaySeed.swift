import Foundation
import PropertyBased
import Testing

/// Replays one generated run of a check: `swift run workbook grade NN --seed S` sets
/// `WORKBOOK_SEED` for the checks, and a check with this trait then makes the input that seed
/// made — once, instead of a hundred new ones — so that a failure the grade printed happens again
/// while the student works on it. No test file is edited.
///
/// PropertyBased's own `.fixedSeed` trait does the replay; it also fails a run that passes
/// ("the property was not tested fully"), which here is the good news that the fix worked, so
/// that one issue is left out.
public struct ReplaySeed: TestTrait, SuiteTrait, TestScoping {
    /// The environment variable `workbook grade --seed` sets.
    public static let variable = "WORKBOOK_SEED"

    /// The seed, as PropertyBased prints it (base64 of 32 bytes), or nil to generate as usual.
    public let seed: String?

    public init(seed: String?) { self.seed = seed }

    /// The four words of a printed seed, or nil when it is not one.
    public static func words(of seed: String) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard let data = Data(base64Encoded: seed), data.count == 32 else { return nil }
        let words = (0..<4).map { index in
            data[(index * 8)..<(index * 8 + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        return (words[0], words[1], words[2], words[3])
    }

    /// On a suite, it replays each of its checks.
    public var isRecursive: Bool { true }

    /// Each test case on its own: the reference's and the student's runs replay the same input.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard let seed else { return try await function() }
        guard let (first, second, third, fourth) = Self.words(of: seed) else {
            Issue.record("\(Self.variable)=\(seed) is not a seed this workbook printed (base64 of 32 bytes)")
            return
        }
        let replay = FixedSeedTrait.fixedSeed(first, second, third, fourth)
        let passedIsGood = IssueHandlingTrait.filterIssues { issue in
            !issue.comments.contains { $0.rawValue.hasPrefix("A fixed seed was used, but no expectation failure") }
        }
        try await passedIsGood.provideScope(for: test, testCase: testCase) {
            try await replay.provideScope(for: test, testCase: testCase, performing: function)
        }
    }
}

extension Trait where Self == ReplaySeed {
    /// The seed `workbook grade --seed` asked for, if any.
    public static var replaySeed: Self { ReplaySeed(seed: ProcessInfo.processInfo.environment[ReplaySeed.variable]) }
}
