import Database
import Shop
import Testing

@Suite("Shop domain")
struct ShopTests {
    @Test(
        "cents print as dollars, with thousands separated and the sign in front",
        arguments: [
            (Cents(0), "$0.00"), (Cents(5), "$0.05"), (Cents(14_999), "$149.99"), (Cents(120_000), "$1,200.00"),
            (Cents(123_456_789), "$1,234,567.89"), (Cents(-5), "-$0.05"),
        ])
    func centsDescription(_ amount: Cents, _ text: String) {
        #expect(amount.description == text)
    }

    @Test("multiplying or adding cents reports overflow instead of trapping")
    func centsOverflow() {
        #expect(Cents(1_250).times(3) == Cents(3_750))
        #expect(Cents(Int.max / 2).times(3) == nil)
        #expect(Cents(Int.max).adding(1) == nil)
    }

    @Test("a snapshot reads back exactly the seed that was installed")
    func seedRoundTrip() throws {
        let database = try SQLiteDatabase()
        try ShopSeed.standard.install(on: database)
        let snapshot = try ShopSnapshot(of: database)
        #expect(snapshot.customers == Set(ShopSeed.standard.customers))
        #expect(snapshot.products == Set(ShopSeed.standard.products))
        #expect(snapshot.orders.isEmpty && snapshot.lines.isEmpty)
        try ShopSeed.standard.install(on: database)
        #expect(try ShopSnapshot(of: database) == snapshot, "installing again starts from a clean shop")
        #expect(ShopSnapshot(seed: .standard) == snapshot, "the seed alone says what the tables hold")
    }

    @Test("the audit balances a real order and catches stock or money that went nowhere")
    func audit() throws {
        let database = try SQLiteDatabase()
        try ShopSeed.standard.install(on: database)
        let start = try ShopSnapshot(of: database)
        try database.execute("UPDATE products SET stock = stock - 1 WHERE id = 'SKU-USB-CABLE-C'")
        try database.execute("UPDATE customers SET balance_cents = balance_cents - 1250 WHERE id = 'ada'")
        let halfWritten = ShopAudit.violations(from: start, to: try ShopSnapshot(of: database))
        #expect(halfWritten.count == 2, "stock and money left without an order: \(halfWritten)")
        try database.execute("INSERT INTO orders VALUES ('o1', 'ada', 1250)")
        try database.execute("INSERT INTO order_lines VALUES ('o1', 1, 'SKU-USB-CABLE-C', 1, 1250)")
        #expect(ShopAudit.violations(from: start, to: try ShopSnapshot(of: database)).isEmpty)
    }

    @Test("the schema refuses negative stock and balances as a last line of defence")
    func schemaConstraints() throws {
        let database = try SQLiteDatabase()
        try ShopSeed.standard.install(on: database)
        let oversold = #expect(throws: DatabaseError.self) { try database.execute("UPDATE products SET stock = -1") }
        #expect(oversold?.kind == .constraintViolation)
        let overdrawn = #expect(throws: DatabaseError.self) { try database.execute("UPDATE customers SET balance_cents = -1") }
        #expect(overdrawn?.kind == .constraintViolation)
    }
}
