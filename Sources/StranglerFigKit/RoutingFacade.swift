import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import ServiceKit
import WorkbookKit

/// The front door: every request comes here, and the migration plan decides whether legacy or
/// the extracted service answers. It forwards method, path, query, headers and body, adds an
/// `X-Request-ID`, and does nothing else — no business logic at the edge.
///
/// Its own endpoints live under `/_facade/`: GET and PUT `plan`, GET `stats`, POST `reset`.
public final class RoutingFacade: Sendable {
    public let legacyURL: String
    public let extractedURL: String
    private let route: RouteFunction
    private let plan: Locked<MigrationPlan>
    private let stats = Locked(FacadeStats())
    private let order: Locked<SeededRandom>
    private let requestNumber = Locked(0)
    private let timeout: Duration

    public init(legacyURL: String, extractedURL: String, plan: MigrationPlan, route: @escaping RouteFunction, seed: UInt64, timeout: Duration = .seconds(2)) {
        self.legacyURL = legacyURL
        self.extractedURL = extractedURL
        self.route = route
        self.plan = Locked(plan)
        order = Locked(SeededRandom(seed: seed))
        self.timeout = timeout
    }

    /// The facade's HTTP face.
    public func router() -> Router<BasicRequestContext> {
        let routes = JSONRouter()
        routes.get("_facade/plan") { _, _ in ServiceRouter.response(.json(self.plan.withLock { $0 })) }
        routes.put("_facade/plan") { request, _ -> Response in
            let body = Data(try await request.body.collect(upTo: ServiceRouter.bodyLimit).readableBytesView)
            do throws(BadRequest) {
                let replacement = try JSON.decode(MigrationPlan.self, from: body)
                self.plan.withLock { $0 = replacement }
                return ServiceRouter.response(.json(replacement))
            } catch {
                return ServiceRouter.response(error.answer)
            }
        }
        routes.get("_facade/stats") { _, _ in ServiceRouter.response(.json(self.stats.withLock { $0 })) }
        routes.post("_facade/reset") { _, _ in
            self.stats.withLock { $0 = FacadeStats() }
            return ServiceRouter.response(.json(["reset": true]))
        }
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .head, .patch] {
            routes.router.on("**", method: method) { request, _ in try await self.forward(request) }
        }
        return routes.router
    }

    private func forward(_ request: Request) async throws -> Response {
        let tenant = request.headers.first { $0.name.canonicalName == "x-tenant" }?.value
        let path = request.uri.path
        let decision: RouteDecision
        do {
            decision = try route(RouteRequest(method: request.method.rawValue, path: path, tenant: tenant), plan.withLock { $0 })
        } catch {
            return ServiceRouter.response(.error("the facade's router failed: \(error)", status: 500))
        }
        var outgoing = HTTPClientRequest(url: "")
        outgoing.method = .RAW(value: request.method.rawValue)
        for field in request.headers where !["host", "content-length", "connection"].contains(field.name.canonicalName) {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        if request.headers.first(where: { $0.name.canonicalName == "x-request-id" }) == nil {
            let number = requestNumber.withLock {
                $0 += 1
                return $0
            }
            outgoing.headers.add(name: "X-Request-ID", value: "facade-\(number)")
        }
        let body = try await request.body.collect(upTo: ServiceRouter.bodyLimit)
        outgoing.body = .bytes(body)
        let target = path + (request.uri.query.map { "?\($0)" } ?? "")

        guard decision.shadow else {
            let answer = await send(outgoing, to: decision.destination, target)
            stats.withLock { $0.count(decision.destination, tenant: tenant, failed: answer.failed) }
            return answer.response
        }
        // Scientist's rules: the legacy answer is the one returned, the candidate's errors never
        // reach the caller, and the order of the two calls is random.
        let candidateFirst = order.withLock { Bool.random(using: &$0) }
        var candidate: Forwarded?
        if candidateFirst { candidate = await send(outgoing, to: .extracted, target) }
        let control = await send(outgoing, to: .legacy, target)
        if !candidateFirst { candidate = await send(outgoing, to: .extracted, target) }
        stats.withLock { stats in
            stats.count(.legacy, tenant: tenant, failed: control.failed)
            stats.shadowed += 1
            guard let candidate, !candidate.failed else {
                stats.shadowFailures += 1
                return
            }
            if candidate.summary != control.summary {
                stats.mismatches += 1
                if stats.samples.count < 5 {
                    stats.samples.append(Mismatch(request: "\(request.method.rawValue) \(target)", legacy: control.summary, extracted: candidate.summary))
                }
            }
        }
        return control.response
    }

    private struct Forwarded {
        var response: Response
        var summary: String
        var failed: Bool
    }

    private func send(_ template: HTTPClientRequest, to destination: Destination, _ target: String) async -> Forwarded {
        var request = template
        request.url = (destination == .legacy ? legacyURL : extractedURL) + target
        do {
            let answer = try await HTTPCaller(baseURL: "", timeout: timeout, client: HTTPCaller.roomy).send(request)
            return Forwarded(
                response: ServiceRouter.response(answer),
                summary: "\(answer.status) \(String(decoding: answer.body, as: UTF8.self))",
                failed: answer.status >= 500)
        } catch {
            return Forwarded(
                response: ServiceRouter.response(.error("\(destination) did not answer: \(error)", status: 502)), summary: "\(error)", failed: true)
        }
    }
}
