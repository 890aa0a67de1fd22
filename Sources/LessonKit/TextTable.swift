/// A plain-text table with padded columns; a column whose cells all look numeric is right-aligned.
public struct TextTable: Sendable {
    public let headers: [String]
    public let rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// One rendered line, and whether it is the header.
    public struct Line: Sendable, Equatable {
        public let text: String
        public let isHeader: Bool
    }

    /// The widest a table line may be: the narrator indents it by two, and a terminal of 120
    /// columns must show it whole (a table cannot wrap as prose does).
    public static let width = 118

    /// The header, a rule, then one line per row. When the columns are wider than `width`
    /// together, the widest columns are narrowed and their cells wrap onto more lines, at spaces
    /// where they can; a column of numbers narrows only to its widest number, so only its header
    /// wraps.
    public func lines(width: Int = TextTable.width) -> [Line] {
        let columns = max(headers.count, rows.map(\.count).max() ?? 0)
        let cell = { (row: [String], column: Int) in column < row.count ? row[column] : "" }
        var widths = (0..<columns).map { column in
            ([headers] + rows).map { cell($0, column).count }.max() ?? 0
        }
        let numeric = (0..<columns).map { column in
            !rows.isEmpty && rows.allSatisfy { Self.looksNumeric(cell($0, column)) }
        }
        // How narrow each column may go: a number never wraps (its header may); text to 12.
        let narrowest = (0..<columns).map { column in
            numeric[column] ? rows.map { cell($0, column).count }.max() ?? 0 : min(12, widths[column])
        }
        while widths.reduce(2 * (columns - 1), +) > width {
            let narrowable = (0..<columns).filter { widths[$0] > narrowest[$0] }
            guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
            let over = widths.reduce(2 * (columns - 1), +) - width
            let next = narrowable.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
            widths[widest] -= min(over, max(1, widths[widest] - max(next, narrowest[widest])))
        }
        func render(_ row: [String]) -> [String] {
            let wrapped = (0..<columns).map { column in Self.wrap(cell(row, column), widths[column]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { index in
                (0..<columns).map { column in
                    let text = index < wrapped[column].count ? wrapped[column][index] : ""
                    let padding = String(repeating: " ", count: max(0, widths[column] - text.count))
                    return numeric[column] ? padding + text : text + padding
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return render(headers).map { Line(text: $0, isHeader: true) } + [Line(text: rule, isHeader: false)]
            + rows.flatMap { render($0).map { Line(text: $0, isHeader: false) } }
    }

    /// `text` in lines of at most `width` characters, broken at spaces, and inside a word only
    /// when the word alone is wider.
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            line = word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.first else { return true }
        return first.isNumber || ((first == "-" || first == "$" || first == "+") && text.dropFirst().first?.isNumber == true)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
