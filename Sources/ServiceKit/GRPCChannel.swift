import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import WorkbookKit

/// A gRPC client's channel to one server: one TCP connection speaking HTTP/2 by prior knowledge
/// (no TLS), each call a stream of its own on it, so calls share the connection instead of
/// waiting for one another. A connection that closed (the server went away) is made again on the
/// next call, as gRPC's channels do.
///
/// By hand on SwiftNIO's HTTP/2 (AsyncHTTPClient speaks HTTP/2 only over TLS): a unary call is a
/// POST with `content-type: application/grpc` and one framed message (`GRPCFrame`), answered by
/// one framed message and the `grpc-status` trailer.
public actor GRPCChannel {
    public nonisolated let host: String
    public nonisolated let port: Int
    private var connection: (channel: any Channel, streams: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>)?

    public init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
    }

    /// Calls `path` ("/package.Service/Method") with one request message and the call's metadata;
    /// returns the reply message, or throws the call's status: UNAVAILABLE when nobody listens or
    /// the connection breaks, DEADLINE_EXCEEDED when `deadline` passes first.
    public func call(_ path: String, _ message: [UInt8], metadata: [(String, String)] = [], deadline: Duration) async throws(GRPCStatus) -> [UInt8] {
        let streams = try await streams()
        let expired = Locked(false)
        do {
            let stream = try await streams.openStream { stream in
                stream.eventLoop.makeCompletedFuture {
                    try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ClientCodec(httpProtocol: .http))
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: stream)
                }
            }
            // The deadline closes the stream, which ends the read below.
            let timer = stream.channel.eventLoop.scheduleTask(in: .nanoseconds(deadline.inNanoseconds)) {
                expired.withLock { $0 = true }
                stream.channel.close(promise: nil)
            }
            defer { timer.cancel() }
            let milliseconds = max(1, deadline.inNanoseconds / 1_000_000)
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
            head.headers.add(name: "host", value: "\(host):\(port)")
            head.headers.add(name: "content-type", value: "application/grpc")
            head.headers.add(name: "te", value: "trailers")
            head.headers.add(name: "grpc-timeout", value: "\(milliseconds)m")
            for (name, value) in metadata { head.headers.add(name: name, value: value) }
            let request = head
            return try await stream.executeThenClose { inbound, outbound in
                // One write of the three parts: one flush, one hop to the event loop.
                try await outbound.write(contentsOf: [.head(request), .body(.byteBuffer(ByteBuffer(bytes: GRPCFrame.frame(message)))), .end(nil)])
                var response: HTTPResponseHead?
                var body: [UInt8] = []
                var trailers: HTTPHeaders?
                for try await part in inbound {
                    switch part {
                    case .head(let received): response = received
                    case .body(let buffer): body += Array(buffer: buffer)
                    case .end(let received): trailers = received
                    }
                }
                return try Self.outcome(response, body, trailers, expired: expired.withLock { $0 })
            }
        } catch let status as GRPCStatus {
            throw status
        } catch {
            if expired.withLock({ $0 }) { throw GRPCStatus(.deadlineExceeded, "no answer within \(deadline)") }
            connection = nil
            throw GRPCStatus(.unavailable, "the connection to \(host):\(port) broke: \(error)")
        }
    }

    /// Closes the connection, if there is one.
    public func close() async {
        try? await connection?.channel.close()
        connection = nil
    }

    /// The open connection's streams, or a new connection's.
    private func streams() async throws(GRPCStatus) -> NIOHTTP2Handler.AsyncStreamMultiplexer<Void> {
        if let connection, connection.channel.isActive { return connection.streams }
        do {
            let made = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(2))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // This client accepts no streams the server opens (gRPC servers open none).
                        let streams = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(mode: .client) { stream in
                            stream.close()
                        }
                        return (channel as any Channel, streams)
                    }
                }
            connection = made
            return made.1
        } catch {
            throw GRPCStatus(.unavailable, "nobody listens on \(host):\(port) (\(ConnectFailure.reason(error) ?? "\(error)"))")
        }
    }

    /// The call's status from what came back: the trailers, or the headers of a "trailers-only"
    /// answer; an HTTP status other than 200 is mapped as gRPC's HTTP mapping says.
    static func outcome(_ response: HTTPResponseHead?, _ body: [UInt8], _ trailers: HTTPHeaders?, expired: Bool) throws(GRPCStatus) -> [UInt8] {
        guard let response else {
            throw expired ? GRPCStatus(.deadlineExceeded, "no answer in time") : GRPCStatus(.unavailable, "the stream ended without an answer")
        }
        guard response.status == .ok else {
            switch response.status.code {
            case 404: throw GRPCStatus(.unimplemented, "HTTP 404")
            case 429, 502, 503, 504: throw GRPCStatus(.unavailable, "HTTP \(response.status.code)")
            default: throw GRPCStatus(.unknown, "HTTP \(response.status.code)")
            }
        }
        let fields = trailers ?? response.headers
        guard let code = fields.first(name: "grpc-status") else {
            throw expired ? GRPCStatus(.deadlineExceeded, "no answer in time") : GRPCStatus(.unknown, "the answer has no grpc-status")
        }
        let status = GRPCStatus(status: code, message: fields.first(name: "grpc-message"))
        guard status.code == .ok else { throw status }
        switch GRPCFrame.message(in: body) {
        case .success(let message): return message
        case .failure(let problem): throw problem
        }
    }
}
