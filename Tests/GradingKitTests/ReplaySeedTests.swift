import Foundation
import GradingKit
import PropertyBased
import Testing

@Suite("Replaying a generated run by its seed")
struct ReplaySeedTests {
    /// 32 bytes in base64, as PropertyBased prints a seed.
    static let seed = Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()

    /// The inputs one property check generated inside `trait`'s scope, and the issues it left.
    static func inputs(under trait: ReplaySeed, failing: Bool = false) async throws -> (inputs: [Int], issues: Int) {
        let seen = Inputs()
        let issues = Inputs()
        let counting = IssueHandlingTrait.compactMapIssues { _ in
            issues.add(0)
            return nil
        }
        try await counting.provideScope(for: Test.current!, testCase: Test.Case.current) {
            try await trait.provideScope(for: Test.current!, testCase: Test.Case.current) {
                await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000)) { value in
                    seen.add(value)
                    if failing { Issue.record("fails on \(value)") }
                }
            }
        }
        return (seen.all, issues.all.count)
    }

    @Test("the words of a printed seed are its 32 bytes, little-endian; anything else is not a seed")
    func words() throws {
        let words = try #require(ReplaySeed.words(of: Self.seed))
        #expect(words.0 == 0x312A_231C_150E_0700)
        #expect(ReplaySeed.words(of: "not base64") == nil)
        #expect(ReplaySeed.words(of: Data(repeating: 1, count: 31).base64EncodedString()) == nil)
    }

    @Test("without a seed a check generates as usual: every run a new input, no issue")
    func withoutSeed() async throws {
        let run = try await Self.inputs(under: ReplaySeed(seed: nil))
        #expect(run.inputs.count == 50)
        #expect(run.issues == 0)
    }

    @Test("with a seed a check runs once, on the same input every time, and passing leaves no issue")
    func withSeed() async throws {
        let first = try await Self.inputs(under: ReplaySeed(seed: Self.seed))
        let second = try await Self.inputs(under: ReplaySeed(seed: Self.seed))
        #expect(first.inputs.count == 1)
        #expect(first.inputs == second.inputs)
        #expect(first.issues == 0)
        let other = try await Self.inputs(under: ReplaySeed(seed: Data(repeating: 9, count: 32).base64EncodedString()))
        #expect(other.inputs != first.inputs)
    }

    @Test("a replayed failure still fails, and a seed that is not one fails the check with a message")
    func failures() async throws {
        let replayed = try await Self.inputs(under: ReplaySeed(seed: Self.seed), failing: true)
        #expect(replayed.issues >= 1)
        let bad = try await Self.inputs(under: ReplaySeed(seed: "nonsense"))
        #expect(bad.inputs.isEmpty)
        #expect(bad.issues == 1)
    }
}

/// Values collected from inside a check, one writer at a time.
final class Inputs: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func add(_ value: Int) { lock.withLock { values.append(value) } }
    var all: [Int] { lock.withLock { values } }
}
