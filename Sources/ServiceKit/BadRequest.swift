/// A request body a service refuses with 400: malformed JSON, a missing field, a wrong type.
public struct BadRequest: Error, Sendable, Hashable {
    /// One line a client can act on.
    public var reason: String

    public init(reason: String) { self.reason = reason }

    /// Turns a decoding error into a line that names the field.
    public init(explaining error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            reason = "missing field \(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            reason = "wrong type for field \(path(context))"
        case .dataCorrupted(let context):
            reason = context.codingPath.isEmpty ? "the body is not valid JSON" : "bad value for field \(path(context))"
        @unknown default:
            reason = "the body could not be read"
        }
    }

    /// The 400 answer.
    public var answer: Answer { .error(reason, status: 400) }
}
