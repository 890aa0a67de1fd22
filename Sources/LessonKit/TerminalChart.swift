import WorkbookKit

/// Pictures for a terminal, drawn with block characters only: readable without colour (and
/// with `NO_COLOR`), in any font that has the Unicode block elements.
public enum TerminalChart {
    /// A horizontal bar `value / maximum` of `width` cells, in eighths of a cell.
    public static func bar(_ value: Double, of maximum: Double, width: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        let eighths = Int((min(value / maximum, 1) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let bar = String(repeating: "█", count: eighths / 8) + partial
        return bar.isEmpty ? "▏" : bar
    }

    /// One row per (label, value): the label, a bar scaled to the largest value (or to `maximum`,
    /// for an axis that stays the same from run to run), and the note.
    public static func bars(_ rows: [(label: String, value: Double, note: String)], width: Int = 40, maximum: Double? = nil) -> [String] {
        let largest = maximum ?? rows.map(\.value).max() ?? 0
        let labelWidth = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            let label = row.label + String(repeating: " ", count: labelWidth - row.label.count)
            let bar = Self.bar(row.value, of: largest, width: width)
            return "  \(label)  \(bar)\(String(repeating: " ", count: width + 1 - bar.count))\(row.note)"
        }
    }

    /// A strip of `width` cells over a span of time: each cell shows the symbol of the segment
    /// that covers its middle. `segments` are (start, symbol) in time order; the last runs to `end`.
    public static func strip(_ segments: [(start: Duration, symbol: Character)], end: Duration, width: Int = 60) -> String {
        guard end > .zero, !segments.isEmpty else { return "" }
        return String(
            (0..<width).map { cell -> Character in
                let middle = end * ((Double(cell) + 0.5) / Double(width))
                return segments.last { $0.start <= middle }?.symbol ?? " "
            })
    }
}

extension LatencyRecorder {
    /// The recordings in buckets that double in width, from the fastest to the slowest: each
    /// bucket's range, read as "from – to", and how many recordings fell in it.
    public func distribution(maximumBuckets: Int = 12) -> [(label: String, count: Int)] {
        guard count > 0 else { return [] }
        let fastest = UInt64(Swift.max(1, percentile(0).inNanoseconds))
        let slowest = Swift.max(fastest, UInt64(Swift.max(0, max.inNanoseconds)))
        var edges: [UInt64] = [fastest]
        while edges.last! <= slowest { edges.append(edges.last! * 2) }
        // Too many doublings for one picture: widen each bucket by whole powers of two.
        let step = Swift.max(1, (edges.count - 1 + maximumBuckets - 1) / maximumBuckets)
        edges = stride(from: 0, to: edges.count, by: step).map { edges[$0] } + (((edges.count - 1) % step == 0) ? [] : [edges.last!])
        return zip(edges, edges.dropFirst()).map { low, high in
            ("\(Duration.nanoseconds(Int64(low)).readable) – \(Duration.nanoseconds(Int64(high)).readable)", counted(low, high))
        }
    }
}
