import CircuitBreakerKit
import Foundation
import ServiceKit
import WorkbookKit

/// Act 7: a product page that needs auth (critical) and recommendations (nice to have).
func actDegradation(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let auth = try await Dependency.start("auth", timeout: .milliseconds(250))
    let recommendations = try await Dependency.start("recommendations", timeout: .milliseconds(100))
    let page = ProductPage(
        auth: auth, recommendations: recommendations,
        breaker: stage.makeBreaker(BreakerSettings(trip: .consecutiveFailures(3), waitDuration: .seconds(30))))
    let shop = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(page)), name: "shop")
    let browser = HTTPCaller(baseURL: shop.url, timeout: .seconds(2))
    defer {
        Task {
            await shop.stop()
            await auth.stop()
            await recommendations.stop()
        }
    }

    func show(_ situation: String) async throws -> [String] {
        let start = ContinuousClock.now
        let answer = try await browser.post("page", idempotencyKey: nil, body: Data("{}".utf8))
        let took = ContinuousClock.now - start
        return [situation, "\(answer.status)", String(decoding: answer.body, as: UTF8.self), took.readable]
    }
    var rows = [try await show("all healthy")]
    await recommendations.goDown()
    rows.append(try await show("recommendations down"))
    for _ in 0..<3 { _ = try await show("") }
    rows.append(try await show("recommendations down, breaker open"))
    await auth.goDown()
    rows.append(try await show("auth down too"))
    narrator.table(["GET the product page", "status", "body", "took"], rows)
    narrator.say(
        "took: the page as the browser waited for it. Down, recommendations cost the page their 100 ms timeout until their breaker opens, then nothing; auth down costs its 250 ms timeout, then a 503."
    )
    narrator.ok("a non-critical dependency down: a degraded page (no recommendations), still a 200")
    narrator.ok("a critical dependency down: a clear 503 with a reason, not a hang and not a half-rendered page")
    narrator.table(
        ["fallback", "when", "example in the shop"],
        [
            ["cached data", "stale is better than nothing", "last known prices, yesterday's bestsellers"],
            ["default or empty", "the feature is optional", "no recommendations"],
            ["secondary service", "a second provider exists", "a backup payment gateway"],
            ["queue for later", "the work can wait", "\"payment pending, we will retry\" (act 2)"],
            ["fail fast", "nothing sensible to show", "sign-in unavailable: 503"],
        ])
    narrator.say(
        "Beyond one process: redundancy (several instances behind a load balancer, so one failure is not an outage) and a service mesh (timeouts, retries and breakers configured in a sidecar proxy for every service). Both exist; a five-person shop needs neither yet."
    )
}

/// GET /page in the shop: auth decides, recommendations decorate.
private struct ProductPage: Endpoint {
    let name = "shop"
    let operations = ["page"]
    let auth: Dependency
    let recommendations: Dependency
    let breaker: any Breaker

    func answer(_ operation: String, idempotencyKey: String?, body: Data) async -> Answer {
        do { _ = try await auth.call() } catch {
            return .error("sign-in is unavailable right now; try again in a minute", status: 503)
        }
        let suggested = (try? await breaker.call { try await recommendations.call() }) != nil
        return .json(ProductPageBody(product: "Headphones XZ3", recommendations: suggested ? ["USB-C cable", "27-inch monitor"] : []))
    }

    func state() async -> Answer { .json(["breaker": breaker.state.description]) }
}

private struct ProductPageBody: Codable {
    var product: String
    var recommendations: [String]
}
