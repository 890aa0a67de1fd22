import Hummingbird
import WorkbookKit

/// A router whose refusals are JSON like every other answer a service gives: a path it does not
/// know gets a 404 that names it; a path it knows, asked with another method, a 405 with `Allow`
/// (not a 404); a body over ``ServiceRouter/bodyLimit`` a 413. It remembers each path's methods
/// as routes are added, for the 405.
public final class JSONRouter {
    public let router = Router()
    private let methods = Locked<[String: [HTTPRequest.Method]]>([:])

    public init() {
        router.add(middleware: JSONRefusals { [methods] path in methods.withLock { $0[path] } })
    }

    /// Answers `method` on `path` (no leading slash) with `handler`.
    public func on(
        _ path: String, _ method: HTTPRequest.Method,
        use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
    ) {
        methods.withLock { $0[path, default: []].append(method) }
        router.on(RouterPath(path), method: method, use: handler)
    }

    public func get(_ path: String, use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        on(path, .get, use: handler)
    }

    public func post(_ path: String, use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        on(path, .post, use: handler)
    }

    public func put(_ path: String, use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        on(path, .put, use: handler)
    }
}

/// Turns the router's own refusals (HTTP errors thrown before or inside a route) into JSON.
struct JSONRefusals: RouterMiddleware {
    typealias Context = BasicRequestContext
    let methods: @Sendable (String) -> [HTTPRequest.Method]?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let path = String(request.uri.path.drop { $0 == "/" })
            if error.status == .notFound, let allowed = methods(path), !allowed.contains(request.method) {
                var response = ServiceRouter.response(
                    .error(
                        "\(request.method) is not allowed on /\(path): use \(allowed.map(\.rawValue).joined(separator: " or "))", status: 405))
                response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                return response
            }
            let reason =
                switch error.status {
                case .notFound: "no such path: \(request.method) /\(path)"
                case .contentTooLarge: "the body is larger than \(ServiceRouter.bodyLimit) bytes"
                default: (error as? HTTPError)?.body ?? error.status.reasonPhrase
                }
            return ServiceRouter.response(.error(reason, status: error.status.code))
        }
    }
}
