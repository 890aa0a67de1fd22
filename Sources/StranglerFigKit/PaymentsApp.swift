import Database
import Foundation
import Hummingbird
import ServiceKit
import Shop

/// The payments endpoints, as the monolith serves them and as the extracted service serves them:
/// GET /payments/fees?amount=N (read-only) and POST /payments/charges (moves money), each on
/// its own accounts. The monolith adds the rest of the shop: GET /catalog.
public actor PaymentsApp {
    public enum Role: String, Sendable { case legacy, extracted }

    private let database: any Database
    public nonisolated let role: Role
    private let truncatesFees: Bool
    private let servesPayments: Bool
    private let renamesAmount: Bool

    /// `truncatesFees` plants the extracted service's first-version rounding bug;
    /// `servesPayments: false` is the monolith once its payments routes are retired;
    /// `renamesAmount` takes charges as ``ChargeRequestV2`` (the contract broken in act 6).
    public init(
        role: Role, location: DatabaseLocation, seed: ShopSeed, truncatesFees: Bool = false, servesPayments: Bool = true, renamesAmount: Bool = false
    ) throws {
        database = try location.openService(unlessItHas: "customers") { try seed.install(on: $0) }
        self.role = role
        self.truncatesFees = truncatesFees
        self.servesPayments = servesPayments
        self.renamesAmount = renamesAmount
    }

    /// The router: the payments endpoints, and the catalog when this is the monolith.
    public nonisolated func router() -> Router<BasicRequestContext> {
        let routes = JSONRouter()
        routes.get("health") { _, _ in ServiceRouter.response(.json(["service": self.role.rawValue, "status": "ready"])) }
        guard servesPayments else {
            routes.get("catalog") { _, _ in ServiceRouter.response(await self.catalog()) }
            return routes.router
        }
        routes.get("payments/fees") { request, _ in
            guard let text = request.uri.queryParameters.get("amount"), let amount = Int(text), (1...100_000_000).contains(amount) else {
                return ServiceRouter.response(BadRequest(reason: "amount must be a whole number of cents, 1…100000000").answer)
            }
            return ServiceRouter.response(await self.quote(amount))
        }
        routes.post("payments/charges") { request, _ in
            let body = Data(try await request.body.collect(upTo: ServiceRouter.bodyLimit).readableBytesView)
            do throws(BadRequest) {
                guard self.renamesAmount else { return ServiceRouter.response(await self.charge(try JSON.decode(ChargeRequest.self, from: body))) }
                let renamed = try JSON.decode(ChargeRequestV2.self, from: body)
                return ServiceRouter.response(await self.charge(ChargeRequest(customerID: renamed.customerID, amountCents: renamed.amount)))
            } catch {
                return ServiceRouter.response(error.answer)
            }
        }
        if role == .legacy {
            routes.get("catalog") { _, _ in ServiceRouter.response(await self.catalog()) }
        }
        return routes.router
    }

    private func quote(_ amount: Int) -> Answer {
        .json(FeeQuote(amountCents: amount, feeCents: truncatesFees ? Fees.truncatedFee(forCents: amount) : Fees.fee(forCents: amount)))
    }

    private func charge(_ request: ChargeRequest) -> Answer {
        guard request.amountCents > 0 else { return BadRequest(reason: "amountCents must be positive").answer }
        do {
            return try database.transaction {
                let changed = try database.execute(
                    "UPDATE customers SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1",
                    .int(request.amountCents), .text(request.customerID))
                guard changed == 1 else { return Answer.error("\(request.customerID) cannot pay \(request.amountCents) cents", status: 402) }
                let balance = try database.query("SELECT balance_cents FROM customers WHERE id = $1", .text(request.customerID))[0].int("balance_cents")
                return .json(
                    ChargeReceipt(customerID: request.customerID, amountCents: request.amountCents, balanceCents: balance, chargedBy: role.rawValue),
                    status: 201)
            }
        } catch {
            return .error("database failure: \(error)", status: 500)
        }
    }

    private func catalog() -> Answer {
        do {
            let rows = try database.query("SELECT id, name, price_cents FROM products ORDER BY id")
            return .json(try rows.map { ["id": try $0.string("id"), "name": try $0.string("name"), "priceCents": String(try $0.int("price_cents"))] })
        } catch {
            return .error("database failure: \(error)", status: 500)
        }
    }
}
