/// gRPC's framing of one message on an HTTP/2 stream: a byte that says whether it is compressed,
/// the message's length in 4 bytes (big-endian), then the protobuf bytes. A unary call sends one
/// such frame each way; the outcome travels after the body, in the `grpc-status` trailer.
public enum GRPCFrame {
    /// The 5-byte prefix and `message`, uncompressed.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
    }

    /// The one message of a unary call's body, or the status a server answers a body it cannot
    /// read with: no message, a compressed one (this workbook never asks for compression), a
    /// length that does not match, or a second message.
    public static func message(in body: [UInt8]) -> Result<[UInt8], GRPCStatus> {
        guard body.count >= 5 else {
            return .failure(GRPCStatus(.internal, "the body holds no whole gRPC frame (\(body.count) bytes; a frame has at least 5)"))
        }
        guard body[0] == 0 else { return .failure(GRPCStatus(.internal, "the message is compressed, and no compression was agreed")) }
        let length = Int(body[1]) << 24 | Int(body[2]) << 16 | Int(body[3]) << 8 | Int(body[4])
        guard body.count - 5 == length else {
            return .failure(GRPCStatus(.internal, "the frame says \(length) bytes and \(body.count - 5) follow: a unary call carries exactly one message"))
        }
        return .success(Array(body[5...]))
    }
}
