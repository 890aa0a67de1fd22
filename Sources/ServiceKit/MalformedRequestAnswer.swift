import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives the 400 for a request that is not HTTP (a garbled request line, a header without a colon,
/// a broken chunked body) a JSON body naming what the parser found.
///
/// Why it exists: Hummingbird answers its parser's errors itself, with an empty 400 and
/// `Connection: close`, while every 4xx of the course's services has a JSON body with an `error`
/// field. This handler sits between the HTTP decoder and Hummingbird: it notes the parser's error
/// as it passes and, when the 400 that follows goes out, gives it the body. Hummingbird still
/// decides what to answer and closes the connection; only the empty body changes.
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The parser's error, in words, until the 400 that answers it has its body.
    private var unreadable: String?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError { unreadable = Self.reason(parserError) }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard let reason = unreadable, case .head(var head) = unwrapOutboundIn(data), head.status == .badRequest,
            head.headerFields[.contentLength] == "0"
        else {
            context.write(data, promise: promise)
            return
        }
        unreadable = nil
        let body = ByteBuffer(bytes: Answer.error("the request is not HTTP/1.1 a server can read: \(reason)", status: 400).body)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.readableBytes)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: promise)
    }

    /// The parser's error in a client's words.
    static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: "the method is not a valid HTTP method"
        case .invalidURL: "the request target is not a valid URL"
        case .invalidVersion: "the HTTP version is not valid"
        case .invalidHeaderToken: "a header line is not of the form Name: value"
        case .headerOverflow: "the headers are too large"
        case .invalidContentLength: "Content-Length is not a valid length"
        case .unexpectedContentLength: "Content-Length is not allowed here"
        case .invalidChunkSize: "a chunk size is not a hexadecimal number"
        default: "\(error)"
        }
    }
}
