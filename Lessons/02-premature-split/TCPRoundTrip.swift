import Foundation
import LessonKit

#if canImport(Glibc)
    import Glibc
    private let streamSocket = Int32(SOCK_STREAM.rawValue)
#elseif canImport(Darwin)
    import Darwin
    private let streamSocket = SOCK_STREAM
#endif

/// The floor of an HTTP call on loopback: one byte to another thread and back over a TCP
/// connection (TCP_NODELAY on both ends), with blocking sockets and nothing else — no event loop,
/// no task, no HTTP. `workbook bench` puts it beside the call.
enum TCPRoundTrip {
    /// Round trips after a warm-up of 1,000.
    static func measure(iterations: Int) throws -> LatencyRecorder {
        let listener = try openSocket()
        defer { close(listener) }
        var address = sockaddr_in()
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #elseif canImport(Glibc)
            // Linux's sockaddr_in has no length field.
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // any free port: asked back below
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withSocketAddress(&address) { guard bind(listener, $0, length) == 0, listen(listener, 1) == 0 else { throw failure("bind") } }
        try withSocketAddress(&address) { guard getsockname(listener, $0, &length) == 0 else { throw failure("getsockname") } }

        let echo = Thread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            noDelay(connection)
            var byte: UInt8 = 0
            while recv(connection, &byte, 1, 0) == 1 { _ = send(connection, &byte, 1, 0) }
        }
        echo.start()

        let client = try openSocket()
        defer { close(client) }
        noDelay(client)
        try withSocketAddress(&address) { guard connect(client, $0, length) == 0 else { throw failure("connect") } }
        var byte: UInt8 = 1
        func roundTrip() throws {
            guard send(client, &byte, 1, 0) == 1, recv(client, &byte, 1, 0) == 1 else { throw failure("round trip") }
        }
        for _ in 0..<1_000 { try roundTrip() }
        return try LatencyRecorder.measure(iterations: iterations) { _ in try roundTrip() }
    }

    private static func openSocket() throws -> Int32 {
        let socket = socket(AF_INET, streamSocket, 0)
        guard socket >= 0 else { throw failure("socket") }
        return socket
    }

    private static func noDelay(_ socket: Int32) {
        var on: Int32 = 1
        _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    private static func withSocketAddress<Result>(
        _ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>) throws -> Result
    ) throws -> Result {
        try withUnsafeMutablePointer(to: &address) { try $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    private static func failure(_ call: String) -> ActFailure {
        ActFailure("the TCP floor's \(call) failed: \(String(cString: strerror(errno)))")
    }
}
