import ServiceKit
import Testing
import Tracing

@Suite("Tracing across services")
struct TracingTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test("a traceparent header is read when it is version 00 with lowercase hex ids that are not all zeros, and written back the same")
    func traceParentHeader() throws {
        let parent = try #require(TraceParent(header: Self.valid))
        #expect(parent.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(parent.spanID == "00f067aa0ba902b7")
        #expect(parent.header == Self.valid)
        #expect(TraceParent(header: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")?.header == Self.valid)
    }

    @Test(
        "a malformed traceparent is ignored",
        arguments: [
            "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-00",
        ])
    func malformedTraceParent(_ header: String) {
        #expect(TraceParent(header: header) == nil)
    }

    @Test("a root span starts a trace; a span started in its context joins it, names it as parent, and is recorded when it ends")
    func parentAndChild() throws {
        let recorder = SpanRecorder(service: "checkout")
        let root = recorder.startSpan("checkout order-1", context: .topLevel, ofKind: .internal, at: DefaultTracerClock.now, function: "", file: "", line: 0)
        let rootParent = try #require(root.context.traceParent)
        #expect(rootParent.traceID.count == 32 && rootParent.spanID.count == 16)
        let child = recorder.startSpan("reserve", context: root.context, ofKind: .server, at: DefaultTracerClock.now, function: "", file: "", line: 0)
        child.attributes["service"] = "inventory"
        child.setStatus(SpanStatus(code: .error, message: "500 out of stock"))
        #expect(recorder.spans(inTrace: rootParent.traceID).isEmpty)
        child.end()
        child.end()
        root.end()
        let spans = recorder.spans(inTrace: rootParent.traceID)
        #expect(spans.count == 2)
        let reserve = try #require(spans.first)
        #expect(reserve.service == "inventory" && reserve.operation == "reserve" && reserve.error == "500 out of stock")
        #expect(reserve.parentID == rootParent.spanID && reserve.traceID == rootParent.traceID)
        #expect(spans.last?.parentID == nil && spans.last?.service == "checkout" && spans.last?.error == nil)
        #expect(recorder.spans(inTrace: "another trace").isEmpty)
    }

    @Test("the context goes out as a traceparent header and comes back in from one; a bad header leaves the context without a trace")
    func injectAndExtract() throws {
        let recorder = SpanRecorder(service: "checkout")
        let span = recorder.startSpan("call", context: .topLevel, ofKind: .client, at: DefaultTracerClock.now, function: "", file: "", line: 0)
        var headers: [String: String] = [:]
        recorder.inject(span.context, into: &headers, using: DictionaryInjector())
        #expect(headers == ["traceparent": span.context.traceParent?.header ?? "missing"])
        var context = ServiceContext.topLevel
        recorder.extract(headers, into: &context, using: DictionaryExtractor())
        #expect(context.traceParent == span.context.traceParent)
        var untouched = ServiceContext.topLevel
        recorder.extract(["traceparent": "garbage"], into: &untouched, using: DictionaryExtractor())
        #expect(untouched.traceParent == nil)
        var none: [String: String] = [:]
        recorder.inject(.topLevel, into: &none, using: DictionaryInjector())
        #expect(none.isEmpty)
    }

    @Test("an HTTP client's span is named by its method and path, and its bare error by the status code")
    func clientSpanNames() throws {
        let recorder = SpanRecorder(service: "checkout")
        let span = recorder.startSpan("POST", context: .topLevel, ofKind: .client, at: DefaultTracerClock.now, function: "", file: "", line: 0)
        span.attributes["url.path"] = "/charge"
        span.attributes["http.status_code"] = 500
        span.setStatus(SpanStatus(code: .error))
        span.end()
        let spans = recorder.spans(inTrace: span.context.traceParent?.traceID ?? "")
        let recorded = try #require(spans.first)
        #expect(recorded.operation == "POST /charge" && recorded.error == "HTTP 500")
    }
}

private struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

private struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
}
