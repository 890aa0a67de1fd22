import LessonKit
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import ServiceLifecycle
import WorkbookKit

/// A gRPC server for unary methods, by hand on SwiftNIO's HTTP/2 without TLS (clients connect
/// with "prior knowledge", as gRPC does on a trusted network). Each call is a stream of its own:
/// a POST to /<package.Service>/<Method> whose body is one framed protobuf message
/// (`GRPCFrame`), answered with HTTP 200, one framed message or none, and the call's outcome in
/// the `grpc-status` trailer. A path no method has is answered UNIMPLEMENTED, as gRPC servers do.
public final class GRPCServer: Sendable {
    /// What a method does with one request message and the call's metadata (the request's
    /// headers): a reply message, or a status that is not OK.
    public typealias Method = @Sendable (_ message: [UInt8], _ metadata: Metadata) async -> Result<[UInt8], GRPCStatus>

    /// A call's metadata: the request's headers, by name.
    public struct Metadata: Sendable {
        let headers: HTTPHeaders

        public subscript(name: String) -> String? { headers.first(name: name) }
    }

    /// The largest request body a method reads: gRPC's default limit for one message.
    public static let bodyLimit = 4 << 20

    /// The port the server listens on.
    public let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// Starts serving `methods`, keyed by path ("/shop.payments.Payments/Charge"), and returns
    /// once the socket listens, or throws `ServerStartError` (port in use, no such address).
    public static func start(_ methods: [String: Method], host: String = "127.0.0.1", port: Int = 0) async throws(ServerStartError) -> GRPCServer {
        typealias Stream = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        typealias Connection = (channel: any Channel, streams: NIOHTTP2Handler.AsyncStreamMultiplexer<Stream>)
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let streams = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(mode: .server) { stream in
                            stream.eventLoop.makeCompletedFuture {
                                try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                                return try Stream(wrappingChannelSynchronously: stream)
                            }
                        }
                        return (channel as any Channel, streams)
                    }
                }
        } catch {
            throw ServerStartError(host: host, port: port, reason: String(describing: error))
        }
        let bound = server.channel.localAddress?.port ?? port
        let task = Task<Void, Never> {
            // Stopping cancels this task: the listening socket and every connection close.
            try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask {
                            await withTaskCancellationHandler {
                                try? await withThrowingDiscardingTaskGroup { calls in
                                    for try await stream in connection.streams.inbound {
                                        calls.addTask { await answer(stream, methods) }
                                    }
                                }
                            } onCancel: {
                                connection.channel.close(promise: nil)
                            }
                        }
                    }
                }
            }
        }
        return GRPCServer(port: bound, task: task)
    }

    /// Stops listening, closes every connection, and waits until it has.
    public func stop() async {
        task.cancel()
        await task.value
    }

    /// One call: the request read to its end, the method's reply, the status in the trailers.
    private static func answer(_ stream: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ methods: [String: Method]) async {
        try? await stream.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            reading: for try await part in inbound {
                switch part {
                case .head(let received): head = received
                case .body(let buffer):
                    body += Array(buffer: buffer)
                    guard body.count <= bodyLimit else { break reading }
                case .end: break reading
                }
            }
            guard let head else { return }
            guard head.headers.first(name: "content-type")?.hasPrefix("application/grpc") == true else {
                let refusal = JSON.encode(["error": "a gRPC call has content-type application/grpc"])
                try await outbound.write(contentsOf: [
                    .head(HTTPResponseHead(version: head.version, status: .unsupportedMediaType, headers: ["content-type": "application/json"])),
                    .body(.byteBuffer(ByteBuffer(bytes: refusal))), .end(nil),
                ])
                return
            }
            let result: Result<[UInt8], GRPCStatus>
            if body.count > bodyLimit {
                result = .failure(GRPCStatus(.resourceExhausted, "the message is larger than \(bodyLimit) bytes"))
            } else if let method = methods[head.uri] {
                switch GRPCFrame.message(in: body) {
                case .success(let message): result = await method(message, Metadata(headers: head.headers))
                case .failure(let status): result = .failure(status)
                }
            } else {
                result = .failure(GRPCStatus(.unimplemented, "no method \(head.uri) on this server"))
            }
            // The answer in one write: one flush, one hop to the event loop.
            var parts: [HTTPServerResponsePart] = [.head(HTTPResponseHead(version: head.version, status: .ok, headers: ["content-type": "application/grpc"]))]
            var trailers: HTTPHeaders = [:]
            switch result {
            case .success(let reply):
                parts.append(.body(.byteBuffer(ByteBuffer(bytes: GRPCFrame.frame(reply)))))
                trailers.add(name: "grpc-status", value: "0")
            case .failure(let status):
                trailers.add(name: "grpc-status", value: "\(status.code.rawValue)")
                trailers.add(name: "grpc-message", value: status.encodedMessage)
            }
            try await outbound.write(contentsOf: parts + [.end(trailers)])
        }
    }

    /// How a `serve` subcommand runs a gRPC server: prints `ready <port>` once it listens (what
    /// `ChildService` waits for), serves until SIGINT or SIGTERM (a swift-service-lifecycle
    /// `ServiceGroup`), and with `exitWithParent` exits when its parent is gone.
    public static func serve(_ methods: [String: Method], host: String = "127.0.0.1", port: Int, exitWithParent: Bool) async throws(ServerStartError) {
        if exitWithParent { exitWhenParentExits() }
        let server = try await start(methods, host: host, port: port)
        Terminal.writeLine("ready \(server.port)")
        var logger = Logger(label: "grpc")
        logger.logLevel = .critical
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [Running(server: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try? await group.run()
    }

    /// The server as a service of a `ServiceGroup`: it runs until a graceful shutdown.
    private struct Running: Service {
        let server: GRPCServer

        func run() async throws {
            await withGracefulShutdownHandler {
                await server.task.value
            } onGracefulShutdown: {
                server.task.cancel()
            }
        }
    }
}
