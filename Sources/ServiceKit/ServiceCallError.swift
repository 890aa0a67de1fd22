/// Why a call to another service did not give an answer the caller can use.
///
/// The network adds failures a function call never has: no answer in time (the call may or may
/// not have happened), nobody listening, or an HTTP error status.
public enum ServiceCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request went out and no answer came back: the deadline passed, or the connection
    /// broke. The work may have been done — only the answer is missing.
    case noAnswer
    /// No connection: nobody listening. The request never went out, so nothing was done.
    case unreachable(String)
    /// An HTTP error status, with the `error` field of the body when it has one.
    case status(Int, String)

    /// Whether trying again (with the same idempotency key) could succeed: no answer, no
    /// connection, 5xx, 409 (the same key is still in flight) and 429.
    public var isTransient: Bool {
        switch self {
        case .noAnswer, .unreachable: true
        case .status(let code, _): code >= 500 || code == 409 || code == 429
        }
    }

    public var description: String {
        switch self {
        case .noAnswer: "no answer"
        case .unreachable(let reason): "unreachable (\(reason))"
        case .status(let code, let message): message.isEmpty ? "HTTP \(code)" : "HTTP \(code): \(message)"
        }
    }
}
