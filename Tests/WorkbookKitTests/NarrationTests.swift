
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
}
