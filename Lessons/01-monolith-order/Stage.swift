import Database
import LessonKit
import MonolithOrderKit
import Shop
import WorkbookKit

/// What every act needs: the narrator, the implementation under study, and fresh databases.
struct Stage {
    let narrator: Narrator
    let placeOrder: PlaceOrder
    let implementation: Implementation
    let location: DatabaseLocation
    /// On PostgreSQL, the acts' tables live in this schema, not beside yours in `public`.
    static let schema = "lesson_01_monolith_order"

    init(narrator: Narrator, placeOrder: @escaping PlaceOrder, implementation: Implementation, location: DatabaseLocation) {
        self.narrator = narrator
        self.placeOrder = placeOrder
        self.implementation = implementation
        self.location = location
    }

    /// Opens the database and makes the shop's tables once, so that a bad path, or a table of
    /// the shop's names that no lesson made, is reported before any act starts.
    func checkDatabase() throws {
        _ = try freshShop()
    }

    /// A database holding `seed` and nothing else.
    func freshShop(_ seed: ShopSeed = .standard) throws -> any Database {
        let database = try location.open(schema: Self.schema)
        try seed.install(on: database)
        return database
    }

    /// Two connections to one database holding `seed` and nothing else: to the chosen file or
    /// server, or to a shared in-memory SQLite database when the lesson runs in memory (two
    /// plain `:memory:` connections would be two databases).
    func twoConnections(_ seed: ShopSeed) throws -> (any Database, any Database) {
        guard case .sqlite(":memory:") = location else {
            let first = try freshShop(seed)
            return (first, try location.open(schema: Self.schema))
        }
        let name = "lesson-01-\(UInt64.random(in: 0...UInt64.max))"
        let first = try SQLiteDatabase(sharedInMemory: name)
        try seed.install(on: first)
        return (first, try SQLiteDatabase(sharedInMemory: name))
    }

    /// Whether the student's exercise has moved past its stub.
    func studentAttempted() -> Bool {
        Attempt.isAttempted {
            let database = try freshShop()
            _ = try placeOrder(OrderRequest(id: "probe", customer: "ada", lines: []), database)
        }
    }

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ act: (Stage) throws -> Void) {
        narrator.act(number, title) { try act(self) }
    }

    /// Places an order and narrates the outcome; answers the receipt, or nil when refused.
    @discardableResult
    func place(_ request: OrderRequest, in database: any Database) throws -> OrderReceipt? {
        narrator.step("placeOrder(\(request))")
        do {
            let receipt = try placeOrder(request, database)
            narrator.ok("placed: \(receipt.lines.map(\.description).joined(separator: ", ")), charged \(receipt.total)")
            return receipt
        } catch let error as OrderError {
            narrator.failed("refused: \(error)")
            return nil
        }
    }

    /// The rows an act is about, before and after, side by side.
    func compare(_ before: ShopSnapshot, _ after: ShopSnapshot, customers: [CustomerID], products: [ProductID]) {
        var rows: [[String]] = []
        for customer in customers {
            rows.append(["balance of \(customer)", "\(before.balance(of: customer) ?? 0)", "\(after.balance(of: customer) ?? 0)"])
        }
        for product in products {
            rows.append(["stock of \(product)", "\(before.stock(of: product) ?? 0)", "\(after.stock(of: product) ?? 0)"])
        }
        rows.append(["orders", "\(before.orders.count)", "\(after.orders.count)"])
        rows.append(["order lines", "\(before.lines.count)", "\(after.lines.count)"])
        narrator.table(["read back from the tables", "before", "after"], rows)
    }
}

extension Stage {
    /// Places `request` on a fresh standard shop through a tracer, then shows the rows it is
    /// about before and after, and every statement it ran.
    func placeTraced(_ request: OrderRequest) throws -> (before: ShopSnapshot, after: ShopSnapshot, statements: Int) {
        let database = try freshShop()
        let before = try ShopSnapshot(of: database)
        let tracer = FaultInjectingDatabase(wrapping: database)
        try place(request, in: tracer)
        let after = try ShopSnapshot(of: database)
        compare(before, after, customers: [request.customer], products: request.lines.map(\.product))
        showTrace(tracer)
        return (before, after, tracer.statementCount)
    }

    /// Prints the statements a traced call ran, one per line.
    func showTrace(_ tracer: FaultInjectingDatabase) {
        narrator.say("What ran:")
        for statement in tracer.trace {
            narrator.say("    " + statement.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }

    /// Says whether the tables are as they were, and what that means.
    func noticeUnchanged(_ before: ShopSnapshot, _ after: ShopSnapshot, _ meaning: String) {
        let differences = after.differences(from: before)
        if differences.isEmpty {
            narrator.ok("every table is exactly as it was before the call")
            narrator.notice(meaning)
        } else {
            narrator.failed("the tables changed although the order was refused:")
            differences.forEach { narrator.say("    \($0)") }
        }
    }
}
