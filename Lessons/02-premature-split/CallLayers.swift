import AsyncHTTPClient
import Foundation
import Hummingbird
import LessonKit
import NIOCore
import ServiceKit

/// One call over HTTP on loopback, measured three ways in the same minute, so that each layer's
/// share shows: the workbook's call (ServiceRouter behind Hummingbird, HTTPCaller over
/// AsyncHTTPClient), the same call through the two libraries with nothing of ours, and a bare TCP
/// round trip (`TCPRoundTrip`).
struct CallLayers {
    var ours: LatencyRecorder
    var libraries: LatencyRecorder
    var tcp: LatencyRecorder

    /// `iterations` calls of each, after a warm-up of 200.
    static func measure(iterations: Int) async throws -> CallLayers {
        let body = Data("{}".utf8)
        let server = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(Echo())), name: "echo")
        let caller = HTTPCaller(baseURL: server.url, timeout: .seconds(5))
        let ours = try await timed(warmUp: 200, iterations: iterations) {
            _ = try await caller.post("call", idempotencyKey: nil, body: body)
        }
        await server.stop()
        let libraries = try await bareLibraries(iterations: iterations, body: body)
        return CallLayers(ours: ours, libraries: libraries, tcp: try TCPRoundTrip.measure(iterations: iterations))
    }

    /// The call with nothing of the workbook's: a Hummingbird route that echoes the body, called
    /// by AsyncHTTPClient's shared client.
    private static func bareLibraries(iterations: Int, body: Data) async throws -> LatencyRecorder {
        let router = Router()
        router.post("call") { request, _ -> ByteBuffer in try await request.body.collect(upTo: 1 << 20) }
        let server = try await LoopbackServer.start(router, name: "bare")
        var request = HTTPClientRequest(url: "\(server.url)/call")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let sent = request
        let recorder = try await timed(warmUp: 200, iterations: iterations) {
            let response = try await HTTPClient.shared.execute(sent, timeout: .seconds(5))
            _ = try await response.body.collect(upTo: 1 << 20)
        }
        await server.stop()
        return recorder
    }
}
