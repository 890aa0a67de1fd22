import Foundation

/// A gRPC call's outcome, sent as the `grpc-status` and `grpc-message` trailers. Unlike HTTP's
/// status, it is about the call, not the transport: the HTTP status of a gRPC answer is 200.
public struct GRPCStatus: Error, Sendable, Hashable, CustomStringConvertible {
    /// The codes this workbook uses, with gRPC's numbers.
    public enum Code: Int, Sendable, Hashable {
        case ok = 0
        case invalidArgument = 3
        case deadlineExceeded = 4
        case alreadyExists = 6
        case resourceExhausted = 8
        case failedPrecondition = 9
        case unimplemented = 12
        case `internal` = 13
        case unavailable = 14
        case unknown = 2

        /// The name gRPC's libraries print.
        public var name: String {
            switch self {
            case .ok: "OK"
            case .invalidArgument: "INVALID_ARGUMENT"
            case .deadlineExceeded: "DEADLINE_EXCEEDED"
            case .alreadyExists: "ALREADY_EXISTS"
            case .resourceExhausted: "RESOURCE_EXHAUSTED"
            case .failedPrecondition: "FAILED_PRECONDITION"
            case .unimplemented: "UNIMPLEMENTED"
            case .internal: "INTERNAL"
            case .unavailable: "UNAVAILABLE"
            case .unknown: "UNKNOWN"
            }
        }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Reads the trailers' values; a number gRPC defines and this list does not is UNKNOWN.
    public init(status: String?, message: String?) {
        code = status.flatMap(Int.init).flatMap(Code.init(rawValue:)) ?? .unknown
        self.message = (message?.removingPercentEncoding ?? message) ?? ""
    }

    /// How `grpc-message` is written: percent-encoded outside printable ASCII, and `%` itself.
    public var encodedMessage: String {
        var encoded = ""
        for byte in message.utf8 {
            if (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "%") {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }

    public var description: String { message.isEmpty ? code.name : "\(code.name): \(message)" }
}
