import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookSimilarity

/// `workbook similarity`: planted pairs from the workbook's own files.
@Suite("similarity of students' solutions")
struct SimilarityTests {
    /// The workbook's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("renaming every identifier and changing literals changes no token; comments and spacing are not read")
    func tokensIgnoreNames() {
        let original = SwiftTokens.read("let total = price * 3 // the sum\nreturn total")
        let renamed = SwiftTokens.read("/* moved */ let   sum =\n  cost * 42\nreturn sum")
        #expect(original.map(\.text) == renamed.map(\.text))
        #expect(original.map(\.text) == ["let", "I", "=", "I", "*", "N", "return", "I"])
    }

    @Test("a copy with every variable renamed and its functions reordered is found, with the lines it shares")
    func renamedAndReorderedCopyIsFound() throws {
        let stub = try Self.read("Exercises/03-event-bus/ShopEventBus.swift")
        let reference = try Self.read("Solutions/03-event-bus/ShopEventBus.swift")
        let copy = Self.disguised(reference)
        #expect(copy != reference)
        let original = Fingerprints(reference, stub: stub)
        let disguised = Fingerprints(copy, stub: stub)
        #expect(original.count > 20, "the reference adds enough to the stub to compare")
        let similarity = original.similarity(to: disguised)
        #expect(similarity >= 0.8, "the disguised copy shares \(similarity) of its fingerprints")
        #expect(!disguised.sharedLines(with: original).isEmpty)
    }

    @Test("a copy padded with a dead statement after every statement is still found; dead statements are not read")
    func paddedCopyIsFound() throws {
        let stub = try Self.read("Exercises/03-event-bus/ShopEventBus.swift")
        let reference = try Self.read("Solutions/03-event-bus/ShopEventBus.swift")
        var padded: [String] = []
        for (number, line) in Self.disguised(reference).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            padded.append(String(line))
            let code = line.trimmingCharacters(in: .whitespaces)
            if !code.isEmpty && !code.hasSuffix("{") && !code.hasPrefix("}") && !code.hasSuffix(",") && !code.hasPrefix("//") {
                padded.append(number.isMultiple(of: 2) ? "        _ = \(number)" : "        let unused\(number) = \"\(number)\"")
            }
        }
        let original = Fingerprints(reference, stub: stub)
        let copy = Fingerprints(padded.joined(separator: "\n"), stub: stub)
        let similarity = original.similarity(to: copy)
        #expect(similarity >= 0.8, "a padded copy shares \(similarity) of its fingerprints")
        #expect(
            SwiftTokens.withoutDeadStatements(SwiftTokens.read("let a = 1\n_ = a\nlet b = 2\nreturn a")).map(\.text) == ["let", "I", "=", "N", "return", "I"],
            "`_ = a` and the unused `b` are dropped; `a`, used, is kept")
    }

    @Test("two correct solutions written apart are not flagged")
    func independentSolutionsAreNotFlagged() throws {
        let stub = try Self.read("Exercises/01-monolith-order/PlaceOrder.swift")
        let reference = Fingerprints(try Self.read("Solutions/01-monolith-order/PlaceOrder.swift"), stub: stub)
        let apart = Fingerprints(try Self.read("Tests/01-monolith-order/Mistakes/correct-written-apart/PlaceOrder.swift"), stub: stub)
        #expect(reference.count > 10 && apart.count > 10)
        let similarity = reference.similarity(to: apart)
        #expect(similarity < 0.5, "two independent solutions share \(similarity) of their fingerprints")
    }

    @Test("the stub itself is no evidence: a student who changed nothing has no fingerprint left")
    func theStubIsRemoved() throws {
        let stub = try Self.read("Exercises/03-event-bus/ShopEventBus.swift")
        #expect(Fingerprints(stub, stub: stub).count == 0)
        let pairs = Submission.pairs([
            Submission(name: "alice", files: ["A.swift"], stubs: ["A.swift": stub]) { _ in stub },
            Submission(name: "bob", files: ["A.swift"], stubs: ["A.swift": stub]) { _ in stub },
        ])
        #expect(pairs.map(\.similarity) == [0])
    }

    /// The reference as a student hiding a copy would turn it in: every name of its own changed,
    /// the methods of the bus in another order, the comments gone.
    static func disguised(_ source: String) -> String {
        var text = source
        for (name, disguise) in [
            ("subscriptions", "subscribers"), ("subscriber", "index"), ("delivery", "item"), ("consumer", "who"), ("batch", "chunk"),
            ("handler", "callback"), ("attempt", "tries"), ("letter", "dead"), ("sleeping", "toWake"), ("replayed", "old"),
            ("bus", "s"), ("waiter", "cont"),
        ] {
            text = text.replacingOccurrences(of: name, with: disguise)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
        }
        // Move the two public reading methods after `drain`: the order of functions changes.
        let deadLetters = lines.firstIndex { $0.contains("public func deadLetters()") }!
        let replay = lines.firstIndex { $0.contains("public func replayDeadLetters()") }!
        let moved = Array(lines[deadLetters..<replay])
        var rest = Array(lines[..<deadLetters]) + Array(lines[replay...])
        let afterDrain = rest.firstIndex { $0.contains("func deliver(") }!
        rest.insert(contentsOf: moved, at: afterDrain)
        return rest.joined(separator: "\n")
    }
}
