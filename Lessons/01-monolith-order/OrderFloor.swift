import CSQLite
import Database
import LessonKit
import MonolithOrderKit
import Shop

/// Lesson 01's order with nothing of ours around it: the same statements, in the same order, with
/// the same values, through SQLite's C API on statements prepared once and bound by position.
/// No port, no rows, no errors as values: what `workbook bench` puts beside the order as its
/// floor.
final class OrderFloor {
    private let handle: OpaquePointer
    private var statements: [OpaquePointer] = []

    /// The statements, by what they do.
    private enum Step: Int, CaseIterable {
        case begin, commit, rollback, existing, customer, price, reserve, stockLeft, charge, insertOrder, insertLine

        var sql: String {
            switch self {
            case .begin: "BEGIN IMMEDIATE"
            case .commit: "COMMIT"
            case .rollback: "ROLLBACK"
            case .existing: "SELECT id FROM orders WHERE id = $1"
            case .customer: "SELECT balance_cents FROM customers WHERE id = $1"
            case .price: "SELECT price_cents FROM products WHERE id = $1"
            case .reserve: "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1"
            case .stockLeft: "SELECT stock FROM products WHERE id = $1"
            case .charge: "UPDATE customers SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1"
            case .insertOrder: "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING"
            case .insertLine:
                "INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)"
            }
        }
    }

    /// A floor on `handle`, whose database holds the shop's tables.
    init(handle: OpaquePointer) {
        self.handle = handle
        for step in Step.allCases {
            var statement: OpaquePointer?
            let status = sqlite3_prepare_v3(handle, step.sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
            precondition(status == SQLITE_OK, "the floor's statement did not prepare: \(step.sql)")
            statements.append(statement!)
        }
    }

    deinit {
        for statement in statements { sqlite3_finalize(statement) }
    }

    /// `requests` placed on a fresh copy of `shop` at `path`, the first `warmUp` of them untimed
    /// and each of the others timed: the floor of the same orders through the port.
    static func measure(shop: ShopSeed, requests: [OrderRequest], warmUp: Int = 0, path: String = ":memory:") throws -> LatencyRecorder {
        let database = try SQLiteDatabase(path: path)
        try shop.install(on: database)
        return database.withCHandle { handle in
            let floor = OrderFloor(handle: handle)
            for request in requests.prefix(warmUp) { floor.place(request) }
            return LatencyRecorder.measure(iterations: requests.count - warmUp) { floor.place(requests[warmUp + $0]) }
        }
    }

    /// Places `request` the way lesson 01's reference does, checks included; answers whether it
    /// committed.
    @discardableResult
    func place(_ request: OrderRequest) -> Bool {
        run(.begin)
        guard run(.existing, .text(request.id.rawValue)) == nil,
            run(.customer, .text(request.customer.rawValue)) != nil
        else { return rollback() }
        var prices: [Int] = []
        prices.reserveCapacity(request.lines.count)
        for line in request.lines {
            guard let price = run(.price, .text(line.product.rawValue)) else { return rollback() }
            prices.append(price)
        }
        for line in request.lines {
            run(.reserve, .int(line.quantity), .text(line.product.rawValue))
            if sqlite3_changes(handle) == 0 {
                _ = run(.stockLeft, .text(line.product.rawValue))
                return rollback()
            }
        }
        let total = zip(request.lines, prices).reduce(0) { $0 + $1.0.quantity * $1.1 }
        run(.charge, .int(total), .text(request.customer.rawValue))
        guard sqlite3_changes(handle) > 0 else { return rollback() }
        run(.insertOrder, .text(request.id.rawValue), .text(request.customer.rawValue), .int(total))
        for (index, line) in request.lines.enumerated() {
            run(
                .insertLine, .text(request.id.rawValue), .int(index + 1), .text(line.product.rawValue), .int(line.quantity),
                .int(prices[index]))
        }
        run(.commit)
        return true
    }

    private func rollback() -> Bool {
        run(.rollback)
        return false
    }

    /// A value to bind.
    private enum Value {
        case int(Int)
        case text(String)
    }

    /// Binds `values` by position, steps once, and answers the first column of the first row.
    @discardableResult
    private func run(_ step: Step, _ values: Value...) -> Int? {
        let statement = statements[step.rawValue]
        defer { sqlite3_reset(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            switch value {
            case .int(let number): sqlite3_bind_int64(statement, Int32(offset + 1), Int64(number))
            case .text(let text): sqlite3_bind_text(statement, Int32(offset + 1), text, -1, transient)
            }
        }
        let status = sqlite3_step(statement)
        precondition(status == SQLITE_ROW || status == SQLITE_DONE, "the floor's statement failed: \(step.sql)")
        return status == SQLITE_ROW ? Int(sqlite3_column_int64(statement, 0)) : nil
    }
}
