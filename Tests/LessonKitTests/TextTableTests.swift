import LessonKit
import Testing

@Suite("Tables that fit a terminal")
struct TextTableTests {
    static let long = "needs a human: charging the payment failed, still failing after every retry, and undoing charging the payment failed too"

    @Test("a table wider than 118 columns wraps its widest text column at spaces; numbers stay whole, every word stays")
    func wraps() {
        let table = TextTable(headers: ["order", "what the customer is told", "n"], rows: [["order-4", Self.long, "1234567"], ["order-5", "ordered", "7"]])
        let lines = table.lines().map(\.text)
        #expect(lines.allSatisfy { $0.count <= TextTable.width }, "\(lines.map(\.count))")
        #expect(lines.filter { $0.contains("1234567") }.count == 1)
        let second = lines.compactMap { line in line.hasPrefix("order-4") || line.hasPrefix("       ") ? line : nil }
        let words = second.flatMap { $0.split(separator: " ") }.filter { $0 != "order-4" && $0 != "1234567" }.joined(separator: " ")
        #expect(words == Self.long)
    }

    @Test("a table that fits is left as it is, one line per row")
    func fits() {
        let lines = TextTable(headers: ["item", "stock"], rows: [["cable", "40"]]).lines().map(\.text)
        #expect(lines == ["item   stock", "─────  ─────", "cable     40"])
    }

    @Test("a word wider than its column is cut, never lost")
    func longWord() {
        #expect(TextTable.wrap("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"])
        #expect(TextTable.wrap("short", 10) == ["short"])
    }
}
