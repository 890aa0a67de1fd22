/// A request body a service refuses with 400: malformed JSON, a missing field, a wrong type.
public struct BadRequest: Error, Sendable, Hashable {
    /// One line a client can act on.
    public var reason: String

    public init(reason: String) { self.reason = reason }

    /// Turns a decoding error into a line that names the field.
    public init(explaining error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            reason = "missing field \(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)"
        case .typeMismatch(let type, let context):
            reason =
                context.codingPath.isEmpty
                ? "the body must be a JSON object"
                : "wrong type for field \(path(context)): expected \(Self.kind(of: type))"
        case .valueNotFound(let type, let context):
            reason =
                context.codingPath.isEmpty
                ? "the body must be a JSON object"
                : "field \(path(context)) must not be null: expected \(Self.kind(of: type))"
        case .dataCorrupted(let context):
            reason = context.codingPath.isEmpty ? "the body is not valid JSON" : "bad value for field \(path(context)): \(context.debugDescription)"
        @unknown default:
            reason = "the body could not be read"
        }
    }

    /// What a JSON value of `type` looks like, in a client's words.
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is any BinaryInteger.Type: "a whole number"
        case is any BinaryFloatingPoint.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any Sequence.Type: "a list"
        default: "an object"
        }
    }

    /// The 400 answer.
    public var answer: Answer { .error(reason, status: 400) }
}
