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

    /// The header, a rule, then one line per row.
    public func lines() -> [Line] {
        let columns = max(headers.count, rows.map(\.count).max() ?? 0)
        let cell = { (row: [String], column: Int) in column < row.count ? row[column] : "" }
        let widths = (0..<columns).map { column in
            ([headers] + rows).map { cell($0, column).count }.max() ?? 0
        }
        let numeric = (0..<columns).map { column in
            !rows.isEmpty && rows.allSatisfy { Self.looksNumeric(cell($0, column)) }
        }
        func render(_ row: [String]) -> String {
            (0..<columns).map { column in
                let text = cell(row, column)
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return numeric[column] ? padding + text : text + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [Line(text: render(headers), isHeader: true), Line(text: rule, isHeader: false)]
            + rows.map { Line(text: render($0), isHeader: false) }
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
