import ServiceKit
import WorkbookKit

/// The spans of one trace as a waterfall: one row per span, in the order they started,
/// indented under the span that started them, with a bar on a shared time axis.
enum Waterfall {
    static let width = 32

    static func rows(_ spans: [FinishedSpan]) -> [[String]] {
        guard let first = spans.map(\.startNanoseconds).min(), let last = spans.map({ $0.startNanoseconds + $0.durationNanoseconds }).max()
        else { return [] }
        let total = Double(max(last - first, 1))
        let byID = Dictionary(spans.map { ($0.spanID, $0) }, uniquingKeysWith: { first, _ in first })
        func depth(_ span: FinishedSpan) -> Int {
            var depth = 0
            var parent = span.parentID.flatMap { byID[$0] }
            while let next = parent, depth < 10 {
                depth += 1
                parent = next.parentID.flatMap { byID[$0] }
            }
            return depth
        }
        return spans.sorted { $0.startNanoseconds < $1.startNanoseconds }.map { span in
            let offset = Double(span.startNanoseconds - first)
            let from = Int((offset / total * Double(width)).rounded(.down))
            let length = max(1, Int((Double(span.durationNanoseconds) / total * Double(width)).rounded()))
            let bar = String(repeating: " ", count: min(from, width - 1)) + String(repeating: "█", count: min(length, width - min(from, width - 1)))
            return [
                span.service, String(repeating: "  ", count: depth(span)) + span.operation,
                offset == 0 ? "0" : Duration.nanoseconds(Int64(offset)).readable, Duration.nanoseconds(Int64(span.durationNanoseconds)).readable,
                span.error.map { "✗ \($0)" } ?? "ok", bar,
            ]
        }
    }

    static let headers = ["service", "span", "starts at", "took", "status", "timeline"]
}
