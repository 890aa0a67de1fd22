import Database
import MonolithOrderKit
import Shop
import WorkbookKit

/// Act 5: N generated orders through the transaction, timed one by one; then the books audited.
func actMeasure(_ stage: Stage, orders: Int, seed: UInt64) throws {
    let narrator = stage.narrator
    var random = SeededRandom(seed: seed)
    let shop = generatedShop(&random)
    let database = try stage.freshShop(shop)
    let start = try ShopSnapshot(of: database)
    let requests = (0..<orders).map { generatedRequest(number: $0, shop: shop, &random) }

    narrator.step("Placing \(orders) generated orders (seed \(seed)) for \(shop.customers.count) customers over \(shop.products.count) products, one transaction each…")
    var placed = 0
    var refused: [String: Int] = [:]
    let latency = try LatencyRecorder.measure(iterations: requests.count) { index in
        do {
            _ = try stage.placeOrder(requests[index], database)
            placed += 1
        } catch let error as OrderError {
            refused[error.kind, default: 0] += 1
        }
    }
    narrator.table(
        ["orders", "placed", "refused", "orders/s", "p50", "p99", "max", "build"],
        [["\(orders)", "\(placed)", "\(orders - placed)", latency.perSecond.formatted(fractionDigits: 0),
          latency.p50.readable, latency.p99.readable, latency.max.readable, BuildConfiguration.name]])
    if !refused.isEmpty {
        narrator.say("Refused, by reason: " + refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    let call = measureFunctionCall()
    narrator.say("For scale, one in-process function call measured here: \(call.readable) — the price of a call between two modules of a monolith.")
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }

    let violations = ShopAudit.violations(from: start, to: try ShopSnapshot(of: database))
    if violations.isEmpty {
        narrator.ok("audit: for every product, stock + units sold = initial stock; balances + revenue = initial balances")
    } else {
        violations.forEach { narrator.failed("audit: \($0)") }
    }
    narrator.notice("these are the baseline numbers lesson 02 compares with: the same order over three HTTP services.")
}

/// A shop big enough that most orders succeed and some run out of stock or money.
private func generatedShop(_ random: inout SeededRandom) -> ShopSeed {
    ShopSeed(
        customers: (1...200).map { Customer(id: CustomerID("customer-\($0)"), name: "Customer \($0)", balance: Cents(Int.random(in: 20_000...1_000_000, using: &random))) },
        products: (1...100).map { Product(id: ProductID("SKU-\($0)"), name: "Product \($0)", price: Cents(Int.random(in: 99...9_999, using: &random)), stock: Int.random(in: 50...400, using: &random)) })
}

private func generatedRequest(number: Int, shop: ShopSeed, _ random: inout SeededRandom) -> OrderRequest {
    let lines = (0..<Int.random(in: 1...3, using: &random)).map { _ in
        OrderLine(product: shop.products.randomElement(using: &random)!.id, quantity: Int.random(in: 1...3, using: &random))
    }
    return OrderRequest(id: OrderID("order-\(number)"), customer: shop.customers.randomElement(using: &random)!.id, lines: lines)
}

/// The median cost of calling a function that cannot be inlined, over a few million calls.
private func measureFunctionCall() -> Duration {
    let lines = (1...8).map { PricedLine(product: "SKU-1", quantity: $0, unitPrice: 1_250) }
    var checksum = 0
    let clock = ContinuousClock()
    var samples: [Duration] = []
    for _ in 0..<5 {
        let started = clock.now
        // A different line each time, so the optimiser cannot hoist the call out of the loop.
        for index in 0..<1_000_000 { checksum &+= lineTotal(of: lines[index & 7]) }
        samples.append((clock.now - started) / 1_000_000)
    }
    precondition(checksum != 0)
    return samples.sorted()[samples.count / 2]
}

@inline(never)
private func lineTotal(of line: PricedLine) -> Int {
    line.unitPrice.value * line.quantity
}

extension OrderError {
    /// The case's name, for counting refusals by reason.
    var kind: String {
        switch self {
        case .invalidRequest: "invalid request"
        case .duplicateOrder: "duplicate order"
        case .unknownCustomer: "unknown customer"
        case .unknownProduct: "unknown product"
        case .insufficientStock: "insufficient stock"
        case .insufficientFunds: "insufficient funds"
        case .database: "database failure"
        }
    }
}
