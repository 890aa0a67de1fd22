import Foundation

/// What an endpoint answers: an HTTP status and a JSON body.
public struct Answer: Sendable, Hashable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }

    /// A JSON answer with `value` encoded as its body.
    public static func json(_ value: some Encodable, status: Int = 200) -> Answer {
        Answer(status: status, body: JSON.encode(value))
    }

    /// A JSON error answer: `{"error": message}`.
    public static func error(_ message: String, status: Int) -> Answer {
        Answer(status: status, body: JSON.encode(["error": message]))
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    static let errorKey = Data("\"error\"".utf8)

    /// The body's `error` field, when it is a JSON object that has one.
    public var errorMessage: String? {
        (try? JSONSerialization.jsonObject(with: body)).flatMap { $0 as? [String: Any] }?["error"] as? String
    }
}

/// The one JSON style every service speaks: sorted keys, so equal values give equal bytes.
public enum JSON {
    /// Encodes a value; our wire types always encode.
    public static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return try encoder.encode(value) } catch { preconditionFailure("unencodable wire value: \(error)") }
    }

    /// Decodes a value, or says which field was wrong in a line a client can read.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(BadRequest) -> Value {
        // JSON is UTF-8 text; a body that is not would be decoded with its bad bytes replaced.
        guard String(validating: data, as: UTF8.self) != nil else { throw BadRequest(reason: "the body is not UTF-8 text, so not JSON") }
        let value: Value
        do { value = try JSONDecoder().decode(type, from: data) } catch let error as DecodingError {
            throw BadRequest(explaining: error)
        } catch {
            throw BadRequest(reason: "the body is not valid JSON")
        }
        if let checked = value as? any CheckedOnArrival { try checked.check() }
        return value
    }
}

/// A wire value with rules beyond its types, checked whenever a body is decoded into it.
public protocol CheckedOnArrival {
    /// Throws a ``BadRequest`` that names the field and the rule it breaks.
    func check() throws(BadRequest)
}
