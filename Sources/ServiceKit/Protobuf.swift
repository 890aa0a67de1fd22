/// Protocol Buffers' wire format, the part a small message needs: varints (wire type 0) and
/// length-delimited bytes (wire type 2), each field tagged by its number. A gRPC message is these
/// bytes; `payments.proto` in lesson 02 says which number is which field.
///
/// Written by hand so that the lesson shows what the bytes are, and so that no code generator
/// has to run before a build (protoc is not on a fresh machine).
public struct ProtobufWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Field `number` as a varint. Proto3 leaves a zero out: a reader takes a missing field as 0.
    public mutating func int64(_ number: Int, _ value: Int) {
        guard value != 0 else { return }
        tag(number, wireType: 0)
        varint(UInt64(bitPattern: Int64(value)))
    }

    /// Field `number` as length-delimited UTF-8. An empty string is left out, as proto3 does.
    public mutating func string(_ number: Int, _ value: String) {
        guard !value.isEmpty else { return }
        tag(number, wireType: 2)
        varint(UInt64(value.utf8.count))
        bytes += value.utf8
    }

    private mutating func tag(_ number: Int, wireType: UInt64) {
        varint(UInt64(number) << 3 | wireType)
    }

    /// Seven bits per byte, least significant first; the high bit says another byte follows.
    private mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

/// Reads a message's fields, keeping the varints and strings by number and skipping fields it
/// does not know, as every protobuf reader must (a newer sender may add fields).
public struct ProtobufReader: Sendable {
    private var varints: [Int: UInt64] = [:]
    private var strings: [Int: [UInt8]] = [:]

    /// Reads every field of `bytes`, or throws when they are not a protobuf message.
    public init(_ bytes: [UInt8]) throws(ProtobufError) {
        var index = 0
        func varint() throws(ProtobufError) -> UInt64 {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 70, by: 7) {
                guard index < bytes.count else { throw ProtobufError("the message ends inside a varint") }
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << UInt64(shift)
                if byte & 0x80 == 0 { return value }
            }
            throw ProtobufError("a varint is longer than 10 bytes")
        }
        func skip(_ count: Int) throws(ProtobufError) {
            guard count <= bytes.count - index else { throw ProtobufError("the message ends inside a field") }
            index += count
        }
        while index < bytes.count {
            let key = try varint()
            let number = Int(truncatingIfNeeded: key >> 3)
            guard number > 0 else { throw ProtobufError("field number 0 is not allowed") }
            switch key & 7 {
            case 0: varints[number] = try varint()
            case 1: try skip(8)
            case 2:
                let length = try varint()
                guard length <= UInt64(bytes.count - index) else { throw ProtobufError("field \(number) is longer than the message") }
                strings[number] = Array(bytes[index..<index + Int(length)])
                index += Int(length)
            case 5: try skip(4)
            default: throw ProtobufError("field \(number) has wire type \(key & 7), which this reader does not take")
            }
        }
    }

    /// Field `number` as an int64: 0 when it is missing.
    public func int64(_ number: Int) -> Int { Int(Int64(bitPattern: varints[number] ?? 0)) }

    /// Field `number` as a string: empty when it is missing; an error when it is not UTF-8.
    public func string(_ number: Int) throws(ProtobufError) -> String {
        guard let raw = strings[number] else { return "" }
        guard let text = String(validating: raw, as: UTF8.self) else { throw ProtobufError("field \(number) is not UTF-8 text") }
        return text
    }
}

/// Bytes that are not the protobuf message they should be.
public struct ProtobufError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
