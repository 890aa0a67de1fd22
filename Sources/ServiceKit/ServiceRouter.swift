import Foundation
import Hummingbird
import Tracing

/// The HTTP face of a `ServiceHost`: POST /<operation> for the business operations (each in a
/// span that joins the caller's trace), GET /health, GET /state for audits, GET or PUT /faults to
/// change the fault plan at run time, and GET /spans?trace=ID for the spans this process recorded.
public enum ServiceRouter {
    /// The largest request body a service reads.
    public static let bodyLimit = 1 << 20

    /// A router for `host`. A call the fault plan says gets no answer is held for `hold`, then
    /// answered 504 — no answer in time — which `HTTPCaller` takes as no answer. The default
    /// holds it past any client's deadline; a hold of the client's timeout makes the wait the
    /// plan's and not the machine's: a caller whose own deadline is longer waits exactly `hold`.
    public static func make(_ host: ServiceHost, hold: Duration = .seconds(2)) -> Router<BasicRequestContext> {
        let routes = JSONRouter()
        for operation in host.endpoint.operations {
            routes.post(operation) { request, _ -> Response in
                // The caller's trace, from its traceparent header: this call's span joins it.
                var context = ServiceContext.topLevel
                InstrumentationSystem.instrument.extract(request.headers, into: &context, using: HeaderFieldsExtractor())
                return try await withSpan(operation, context: context, ofKind: .server) { span in
                    span.attributes["service"] = host.endpoint.name
                    let answer = try await serve(operation, request, host, hold: hold)
                    if answer.status >= 500 { span.setStatus(SpanStatus(code: .error, message: "\(answer.status) \(answer.errorMessage ?? "")")) }
                    return response(answer)
                }
            }
        }
        routes.get("health") { _, _ in response(.json(["service": host.endpoint.name, "status": "ready"])) }
        routes.get("spans") { request, _ in
            let trace = request.uri.queryParameters.get("trace") ?? ""
            return response(.json(SpanRecorder.current?.spans(inTrace: trace) ?? []))
        }
        routes.get("state") { _, _ in response(await host.endpoint.state()) }
        routes.get("faults") { _, _ in response(.json(FaultReport(plan: host.faults.plan, injected: host.faults.injected))) }
        routes.put("faults") { request, _ -> Response in
            let body = try await Data(buffer: request.body.collect(upTo: bodyLimit))
            do throws(BadRequest) {
                let plan = try JSON.decode(FaultPlan.self, from: body)
                host.faults.replace(with: plan)
                return response(.json(plan))
            } catch {
                return response(error.answer)
            }
        }
        return routes.router
    }

    /// One business operation: its body read, faults applied, the endpoint's answer.
    private static func serve(_ operation: String, _ request: Request, _ host: ServiceHost, hold: Duration) async throws -> Answer {
        let key = request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value
        if let key, key.allSatisfy(\.isWhitespace) {
            return BadRequest(reason: "the Idempotency-Key header is empty: leave it out, or give a key").answer
        }
        let body = try await Data(buffer: request.body.collect(upTo: bodyLimit))
        switch await host.serve(operation, idempotencyKey: key, body: body) {
        case .answer(let answer):
            return answer
        case .noAnswer:
            try? await Task.sleep(for: hold)
            return .error("no answer in time", status: 504)
        case .refused:
            return .error("injected fault: refused (a server cannot refuse a connection it accepted)", status: 503)
        }
    }

    /// A Hummingbird response carrying an `Answer`.
    public static func response(_ answer: Answer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// What GET /faults answers: the plan in force and what was injected so far.
public struct FaultReport: Codable, Sendable, Hashable {
    public var plan: FaultPlan
    public var injected: [String: Int]

    public init(plan: FaultPlan, injected: [Fault: Int]) {
        self.plan = plan
        self.injected = Dictionary(uniqueKeysWithValues: injected.map { ($0.key.rawValue, $0.value) })
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}

/// Reads a header of a Hummingbird request for the tracer.
struct HeaderFieldsExtractor: Extractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        carrier.first { $0.name.canonicalName == key }?.value
    }
}
