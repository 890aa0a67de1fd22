import Database
import LessonKit
import MonolithOrderKit
import Shop
import WorkbookKit

/// Act 5: N generated orders through the transaction, timed one by one; then the books audited.
func actMeasure(_ stage: Stage, orders: Int, seed: UInt64) throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    var random = SeededRandom(seed: seed)
    let shop = GeneratedOrders.shop(&random)
    let database = try stage.freshShop(shop)
    let start = try ShopSnapshot(of: database)
    let requests = (0..<orders).map { GeneratedOrders.request(number: $0, shop: shop, &random) }

    narrator.step(
        "Placing \(orders) generated orders (seed \(seed)) for \(shop.customers.count) customers over \(shop.products.count) products, one transaction each…")
    var placed = 0
    var refused: [String: Int] = [:]
    var each = [Duration](repeating: .zero, count: requests.count)
    let latency = try LatencyRecorder.measure(iterations: requests.count) { index in
        let started = ContinuousClock.now
        defer { each[index] = ContinuousClock.now - started }
        do {
            _ = try stage.placeOrder(requests[index], database)
            placed += 1
        } catch let error as OrderError {
            refused[error.kind, default: 0] += 1
        }
    }
    narrator.table(
        ["orders", "placed", "refused", "orders/s", "p50", "p99", "max", "build"],
        [
            [
                "\(orders)", "\(placed)", "\(orders - placed)", latency.perSecond.formatted(fractionDigits: 0),
                latency.p50.readable, latency.p99.readable, latency.max.readable, BuildConfiguration.name,
            ]
        ])
    if !refused.isEmpty {
        narrator.say("Refused, by reason: " + refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    narrator.say("How the \(orders) orders' times spread (each row's range twice as wide as the one above; the bar is how many orders took that long):")
    TerminalChart.bars(latency.distribution().map { ($0.label, Double($0.count), "\($0.count)") }).forEach(narrator.say)
    let rows = latency.distribution()
    narrator.say(spread(rows, latency: latency, each: each, requests: requests))
    if let sqlite = database as? SQLiteDatabase, sqlite.path == ":memory:" {
        let floor = try OrderFloor.measure(shop: shop, requests: requests)
        narrator.say(
            "Its floor, measured just now: the same requests on a fresh copy of the shop, the same statements straight through SQLite's C API (prepared once, bound by position, no rows built): p50 \(floor.p50.readable), \(floor.perSecond.formatted(fractionDigits: 0)) orders/s. This order took \((latency.p50 / floor.p50).formatted(fractionDigits: 2))× that at p50; the rest is the Database port (values, rows, errors) and placeOrder's own checks."
        )
    } else {
        narrator.say("(The order's floor, the same statements straight through SQLite's C API, is measured beside an in-memory run: `--database :memory:`.)")
    }
    let call = FunctionCallCost.measure()
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

/// What the chart of one run shows, computed from it: where most orders sit, how far the p99 is
/// from the p50, and whether the slowest orders were the longest ones.
func spread(_ rows: [(label: String, count: Int)], latency: LatencyRecorder, each: [Duration], requests: [OrderRequest]) -> String {
    guard let busiest = rows.indices.max(by: { rows[$0].count < rows[$1].count }), !each.isEmpty else { return "" }
    let total = rows.map(\.count).reduce(0, +)
    let below = rows[(busiest + 1)...].map(\.count).reduce(0, +)
    let slowest = each.indices.sorted { each[$0] > each[$1] }.prefix(max(1, each.count / 100))
    let lines = { (indices: [Int]) in Double(indices.map { requests[$0].lines.count }.reduce(0, +)) / Double(max(1, indices.count)) }
    let tailLines = lines(Array(slowest))
    let allLines = lines(Array(each.indices))
    let ratio = Double(latency.p99.inNanoseconds) / Double(max(1, latency.p50.inNanoseconds))
    let counts = "\(tailLines.formatted(fractionDigits: 1)) lines on average, against \(allLines.formatted(fractionDigits: 1)) for all"
    let elsewhere = "waiting on something else: the machine's other processes, the system's own work, memory being grown"
    let why =
        tailLines >= allLines * 1.5
        ? "were the longer orders (\(counts)): more lines, more statements"
        : tailLines <= allLines * 1.15
            ? "were not the longer orders (\(counts)): the same work, \(elsewhere)"
            : "were somewhat longer orders (\(counts)): the lines explain a part; the rest is \(elsewhere)"
    return "The busiest row is \(rows[busiest].label), with \(rows[busiest].count) of \(total) orders; \(below) took longer than that row. "
        + "The p99 is \(ratio.formatted(fractionDigits: 1))× the p50; the slowest 1% (\(slowest.count) orders) \(why)."
}
