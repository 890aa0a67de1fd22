import Foundation
import ServiceKit
import Testing

@Suite("Protocol Buffers' wire format")
struct ProtobufTests {
    @Test("a message is written as protoc writes it: tag, length or varint, bytes")
    func knownBytes() {
        var writer = ProtobufWriter()
        writer.string(1, "order-1")
        writer.string(2, "ada")
        writer.int64(3, 2_500)
        let expected: [UInt8] = [0x0A, 7] + Array("order-1".utf8) + [0x12, 3] + Array("ada".utf8) + [0x18, 0xC4, 0x13]
        #expect(writer.bytes == expected)
    }

    @Test(
        "varints round-trip on both sides of every 7-bit boundary, negatives in 10 bytes",
        arguments: [
            1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, Int(Int32.max), Int.max, -1, Int.min,
        ])
    func varints(value: Int) throws {
        var writer = ProtobufWriter()
        writer.int64(7, value)
        #expect(try ProtobufReader(writer.bytes).int64(7) == value)
        let length = writer.bytes.count - 1
        let bits = value < 0 ? 64 : Int.bitWidth - value.leadingZeroBitCount
        #expect(length == max(1, (bits + 6) / 7))
    }

    @Test("zero and the empty string are left out, and read back as zero and empty")
    func defaults() throws {
        var writer = ProtobufWriter()
        writer.int64(1, 0)
        writer.string(2, "")
        #expect(writer.bytes.isEmpty)
        let reader = try ProtobufReader([])
        #expect(reader.int64(1) == 0)
        #expect(try reader.string(2) == "")
    }

    @Test("strings are UTF-8, whatever their script")
    func text() throws {
        var writer = ProtobufWriter()
        writer.string(15, "Grâce ✓ 李")
        writer.string(16, "x")
        let reader = try ProtobufReader(writer.bytes)
        #expect(try reader.string(15) == "Grâce ✓ 李")
        #expect(try reader.string(16) == "x")
    }

    @Test("fields a reader does not know are skipped, of every wire type")
    func unknownFields() throws {
        var writer = ProtobufWriter()
        writer.string(1, "kept")
        let unknown: [UInt8] = [0x10, 0x96, 0x01] + [0x19] + Array(repeating: 1, count: 8) + [0x22, 2, 0xFF, 0xFE] + [0x2D, 1, 2, 3, 4]
        let reader = try ProtobufReader(unknown + writer.bytes)
        #expect(try reader.string(1) == "kept")
    }

    @Test(
        "bytes that are not a message are refused, never read as one",
        arguments: [
            ([0x08, 0x80], "ends inside a varint"),
            ([0x08] + Array(repeating: 0x80, count: 10) + [0x01], "longer than 10 bytes"),
            ([0x0A, 0x05, 0x61], "longer than the message"),
            ([0x19, 1, 2], "ends inside a field"),
            ([0x0B], "wire type 3"),
            ([0x00, 0x01], "field number 0"),
        ] as [([UInt8], String)])
    func malformed(bytes: [UInt8], reason: String) {
        #expect {
            try ProtobufReader(bytes)
        } throws: { error in
            (error as? ProtobufError)?.description.contains(reason) == true
        }
    }

    @Test("a string field that is not UTF-8 is an error when read")
    func notText() throws {
        let reader = try ProtobufReader([0x0A, 2, 0xC3, 0x28])
        #expect(throws: ProtobufError.self) { try reader.string(1) }
    }
}

@Suite("gRPC framing and status")
struct GRPCFrameTests {
    @Test("a frame is a zero flag, a 4-byte big-endian length, then the message")
    func frame() {
        #expect(GRPCFrame.frame([]) == [0, 0, 0, 0, 0])
        #expect(GRPCFrame.frame(Array(repeating: 7, count: 300)).prefix(5) == [0, 0, 0, 1, 0x2C])
        #expect(GRPCFrame.message(in: GRPCFrame.frame([1, 2, 3])) == .success([1, 2, 3]))
        #expect(GRPCFrame.message(in: GRPCFrame.frame([])) == .success([]))
    }

    @Test(
        "a body that is not exactly one uncompressed frame is INTERNAL",
        arguments: [
            [0, 0, 0, 0], [1, 0, 0, 0, 1, 9], [0, 0, 0, 0, 2, 9], [0, 0, 0, 0, 1, 9, 9], [0, 0, 0, 0, 0] + GRPCFrame.frame([1]),
        ] as [[UInt8]])
    func malformed(body: [UInt8]) {
        guard case .failure(let status) = GRPCFrame.message(in: body) else {
            Issue.record("\(body) was read as a message")
            return
        }
        #expect(status.code == .internal)
    }

    @Test("grpc-message is percent-encoded outside printable ASCII and for % itself, and read back")
    func message() {
        let status = GRPCStatus(.failedPrecondition, "100% sure: ✓")
        #expect(status.encodedMessage == "100%25 sure: %E2%9C%93")
        #expect(GRPCStatus(status: "9", message: status.encodedMessage) == status)
        #expect(GRPCStatus(status: "99", message: nil).code == .unknown)
        #expect(GRPCStatus(status: nil, message: nil).code == .unknown)
    }
}

@Suite("gRPC over HTTP/2 on loopback")
struct GRPCCallTests {
    static let methods: [String: GRPCServer.Method] = [
        "/test.Echo/Say": { message, metadata in
            .success(message + Array((metadata["x-tag"] ?? "").utf8))
        },
        "/test.Echo/Refuse": { _, _ in .failure(GRPCStatus(.failedPrecondition, "not enough money: ✗")) },
        // Answers only after a minute (or when the server stops): a call that ends sooner ended
        // at its own deadline, however slow the machine is.
        "/test.Echo/Slow": { message, _ in
            try? await Task.sleep(for: .seconds(60))
            return .success(message)
        },
    ]

    /// Runs `body` with a channel to a server of `methods`, then closes both.
    func withServer(_ body: (GRPCChannel) async throws -> Void) async throws {
        let server = try await GRPCServer.start(Self.methods)
        let channel = GRPCChannel(port: server.port)
        do {
            try await body(channel)
        } catch {
            await channel.close()
            await server.stop()
            throw error
        }
        await channel.close()
        await server.stop()
    }

    @Test("a reply comes back with the call's metadata seen by the method")
    func reply() async throws {
        try await withServer { (channel: GRPCChannel) async throws in
            let reply = try await channel.call("/test.Echo/Say", Array("hi ".utf8), metadata: [("x-tag", "there")], deadline: .seconds(30))
            #expect(String(decoding: reply, as: UTF8.self) == "hi there")
        }
    }

    @Test("many calls at once share one connection, each answered with its own reply")
    func concurrent() async throws {
        try await withServer { (channel: GRPCChannel) async throws in
            let replies = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
                for index in 0..<40 {
                    group.addTask { (index, try await channel.call("/test.Echo/Say", [UInt8(index)], deadline: .seconds(30))) }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(replies.count == 40)
            #expect(replies.allSatisfy { $0.value == [UInt8($0.key)] })
        }
    }

    @Test("a status that is not OK reaches the caller with its code and message")
    func refused() async throws {
        try await withServer { (channel: GRPCChannel) async throws in
            await #expect(throws: GRPCStatus(.failedPrecondition, "not enough money: ✗")) {
                try await channel.call("/test.Echo/Refuse", [], deadline: .seconds(30))
            }
            await #expect {
                try await channel.call("/test.Echo/Missing", [], deadline: .seconds(30))
            } throws: { error in
                (error as? GRPCStatus)?.code == .unimplemented
            }
        }
    }

    @Test("no answer before the deadline is DEADLINE_EXCEEDED, and the channel still works after it")
    func deadline() async throws {
        try await withServer { (channel: GRPCChannel) async throws in
            let start = ContinuousClock.now
            await #expect {
                try await channel.call("/test.Echo/Slow", [1], deadline: .milliseconds(50))
            } throws: { error in
                (error as? GRPCStatus)?.code == .deadlineExceeded
            }
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(try await channel.call("/test.Echo/Say", [2], deadline: .seconds(30)) == [2])
        }
    }

    @Test("a server that is gone is UNAVAILABLE; one that is back on the port is reached again")
    func unavailable() async throws {
        let server = try await GRPCServer.start(Self.methods)
        let port = server.port
        let channel = GRPCChannel(port: port)
        #expect(try await channel.call("/test.Echo/Say", [1], deadline: .seconds(30)) == [1])
        await server.stop()
        await #expect {
            try await channel.call("/test.Echo/Say", [1], deadline: .seconds(30))
        } throws: { error in
            (error as? GRPCStatus)?.code == .unavailable
        }
        let again = try await GRPCServer.start(Self.methods, port: port)
        #expect(try await channel.call("/test.Echo/Say", [3], deadline: .seconds(30)) == [3])
        await channel.close()
        await again.stop()
    }
}
