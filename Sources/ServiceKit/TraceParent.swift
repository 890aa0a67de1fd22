import Tracing

/// The W3C Trace Context `traceparent` header a call carries: format version 00, the 16-byte id
/// of the whole trace, the 8-byte id of the calling span, and flags (01: recorded). For example
/// `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
public struct TraceParent: Sendable, Hashable {
    /// The header's name, as every service reads it.
    public static let headerName = "traceparent"

    /// 32 lowercase hexadecimal digits, the same in every span of one trace.
    public let traceID: String
    /// 16 lowercase hexadecimal digits: the span that made the call.
    public let spanID: String

    public init(traceID: String, spanID: String) {
        self.traceID = traceID
        self.spanID = spanID
    }

    /// Reads a header value; nil unless it is version 00 with ids of the right length, in
    /// lowercase hexadecimal, and not all zeros (which the standard forbids).
    public init?(header: String) {
        let parts = header.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "00", parts[3].count == 2, Self.isHex(parts[3]),
            parts[1].count == 32, Self.isHex(parts[1]), parts[1].contains(where: { $0 != "0" }),
            parts[2].count == 16, Self.isHex(parts[2]), parts[2].contains(where: { $0 != "0" })
        else { return nil }
        traceID = parts[1]
        spanID = parts[2]
    }

    /// The header value: always recorded (flags 01).
    public var header: String { "00-\(traceID)-\(spanID)-01" }

    /// `bytes` random bytes as lowercase hexadecimal, never all zeros.
    static func randomID(bytes: Int) -> String {
        var id = ""
        while id.isEmpty || id.allSatisfy({ $0 == "0" }) {
            id = (0..<bytes).map { _ in
                let byte = UInt8.random(in: 0...255)
                return String(byte >> 4, radix: 16) + String(byte & 0xf, radix: 16)
            }.joined()
        }
        return id
    }

    private static func isHex(_ text: String) -> Bool {
        text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}

extension ServiceContext {
    /// The trace and span this task works for: set by a span as it starts, read when a call is
    /// made (to send it on) and when one arrives (from its header).
    public var traceParent: TraceParent? {
        get { self[TraceParentKey.self] }
        set { self[TraceParentKey.self] = newValue }
    }
}

private enum TraceParentKey: ServiceContextKey {
    typealias Value = TraceParent
}
