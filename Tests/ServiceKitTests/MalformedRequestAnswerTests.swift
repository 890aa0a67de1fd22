import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import Testing

@testable import ServiceKit

/// The handler alone, in an embedded channel: what it passes on and what it changes. `.ci/bad-inputs`
/// checks the same over real sockets, against the lessons' servers.
@Suite("A request the parser cannot read gets a JSON 400")
struct MalformedRequestAnswerTests {
    /// What goes out after `error` (if any) reaches the handler and then the response heads do.
    static func written(after error: (any Error)?, heads: HTTPResponse...) throws -> [HTTPResponsePart] {
        let channel = EmbeddedChannel(handler: MalformedRequestAnswer())
        if let error { channel.pipeline.fireErrorCaught(error) }
        for head in heads { try channel.writeOutbound(HTTPResponsePart.head(head)) }
        var parts: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { parts.append(part) }
        _ = try? channel.finish()
        return parts
    }

    static let emptyBadRequest = HTTPResponse(status: .badRequest, headerFields: [.contentLength: "0", .connection: "close"])

    @Test("after a parser error, the empty 400 gets a JSON body naming it, with its length and type")
    func parserErrorAnswered() throws {
        let parts = try Self.written(after: HTTPParserError.invalidHeaderToken, heads: Self.emptyBadRequest)
        guard parts.count == 2, case .head(let head) = parts[0], case .body(let body) = parts[1] else {
            Issue.record("expected a head and a body, got \(parts)")
            return
        }
        let text = String(buffer: body)
        #expect(head.status == .badRequest)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.contentLength] == String(body.readableBytes))
        #expect(head.headerFields[.connection] == "close", "Hummingbird still closes the connection")
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(decoded?["error"] == "the request is not HTTP/1.1 a server can read: \(MalformedRequestAnswer.reason(.invalidHeaderToken))")
    }

    @Test("every parser error has words of its own or its own name, never an empty reason")
    func everyReasonSaysSomething() {
        let errors: [HTTPParserError] = [
            .invalidMethod, .invalidURL, .invalidVersion, .invalidHeaderToken, .headerOverflow, .invalidContentLength,
            .unexpectedContentLength, .invalidChunkSize, .invalidCharactersUsed,
        ]
        #expect(errors.allSatisfy { !MalformedRequestAnswer.reason($0).isEmpty })
        #expect(Set(errors.map(MalformedRequestAnswer.reason)).count == errors.count, "two errors read the same")
    }

    @Test("without a parser error, or for any other answer, the response passes unchanged")
    func othersUnchanged() throws {
        let withBody = HTTPResponse(status: .badRequest, headerFields: [.contentLength: "17", .contentType: "application/json"])
        let cases: [(error: (any Error)?, head: HTTPResponse)] = [
            (nil, Self.emptyBadRequest),
            (HTTPParserError.invalidHeaderToken, HTTPResponse(status: .ok, headerFields: [.contentLength: "0"])),
            (HTTPParserError.invalidHeaderToken, withBody),
            (CancellationError(), Self.emptyBadRequest),
        ]
        for (error, head) in cases {
            let parts = try Self.written(after: error, heads: head)
            #expect(parts == [.head(head)], "after \(String(describing: error)), \(head.status)")
        }
    }

    @Test("one parser error gives one body: the next 400 on the channel is left as it is")
    func oneBodyPerError() throws {
        let parts = try Self.written(after: HTTPParserError.invalidVersion, heads: Self.emptyBadRequest, Self.emptyBadRequest)
        #expect(parts.count == 3 && parts.last == .head(Self.emptyBadRequest), "\(parts)")
    }
}
