import LessonKit
import Testing
import WorkbookKit

@Suite("Narration")
struct NarrationTests {
    private final class Lines: Sendable {
        let all = Locked<[String]>([])
        func append(_ line: String) { all.withLock { $0.append(line) } }
    }

    @Test("without colour the narration has no escape codes; with colour it has")
    func colour() {
        let plain = Lines()
        let coloured = Lines()
        for (narrator, _) in [(Narrator(colour: false, write: plain.append), plain), (Narrator(colour: true, write: coloured.append), coloured)] {
            narrator.act(1, "A happy order")
            narrator.ok("placed")
            narrator.failed("refused")
        }
        #expect(plain.all.withLock { $0 } == ["", "Act 1 · A happy order", "✓ placed", "✗ refused"])
        #expect(coloured.all.withLock { $0 }.filter { $0.contains("\u{1B}[") }.count == 3)
    }

    @Test("tables pad their columns and right-align numeric ones")
    func table() {
        let lines = TextTable(headers: ["item", "stock"], rows: [["cable", "40"], ["headphones", "5"]]).lines().map(\.text)
        #expect(lines == ["item        stock", "──────────  ─────", "cable          40", "headphones      5"])
    }

    @Test("a lesson whose acts all ran ends quietly; one whose act stopped names it and exits 1")
    func finish() async throws {
        struct Broken: Error {}
        let whole = Lines()
        let narrator = Narrator(colour: false, write: whole.append)
        narrator.act(1, "fine") {}
        await narrator.act(2, "fine too") { await Task.yield() }
        try narrator.finish("lesson")
        #expect(!whole.all.withLock { $0 }.contains { $0.contains("stopped") })

        let lines = Lines()
        let stopping = Narrator(colour: false, write: lines.append)
        stopping.act(1, "breaks") { throw Broken() }
        stopping.act(2, "fine") {}
        await stopping.act(3, "not written") {
            await Task.yield()
            throw NotAttempted(function: "f()", file: "F.swift")
        }
        #expect(throws: (any Error).self) { try stopping.finish("lesson") }
        #expect(lines.all.withLock { $0 }.last == "✗ lesson: acts 1, 3 stopped before the end (see the ✗ lines above).")
    }
}
