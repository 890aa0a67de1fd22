import Database
import Shop

/// Act 6: two checkouts on two connections want the last keyboard. Each reads the stock, then
/// the other buys, then the first writes: the source material's check-then-act sells the one
/// keyboard twice; the conditional UPDATE that `placeOrder` uses refuses the second buyer.
func actCheckThenAct(_ stage: Stage) throws {
    let narrator = stage.narrator
    let keyboard: ProductID = "SKU-KEYBOARD-K7"
    var seed = ShopSeed.standard
    seed.products = seed.products.map { $0.id == keyboard ? Product(id: $0.id, name: $0.name, price: $0.price, stock: 1) : $0 }
    narrator.say("One keyboard left. Ada's checkout and Linus's run at once, each on its own connection, each in autocommit.")
    narrator.say("The steps are played in the order a race produces: both read, Linus buys, then Ada writes.")

    var rows: [[String]] = []
    for way in CheckoutWay.allCases {
        let (ada, linus) = try stage.twoConnections(seed)
        narrator.step("\(way.name):")
        let adaSaw = try way.check(keyboard, on: ada)
        narrator.say("    Ada reads the stock: \(adaSaw) — enough")
        let linusSaw = try way.check(keyboard, on: linus)
        narrator.say("    Linus reads the stock: \(linusSaw) — enough")
        let price = seed.products.first { $0.id == keyboard }?.price ?? .zero
        let linusBought = try way.buy(keyboard, read: linusSaw, price: price, order: "order-linus", customer: "linus", on: linus)
        narrator.say("    Linus writes: \(linusBought ? "bought" : "refused")")
        let adaBought = try way.buy(keyboard, read: adaSaw, price: price, order: "order-ada", customer: "ada", on: ada)
        narrator.say("    Ada writes: \(adaBought ? "bought" : "refused: the UPDATE changed no row, the stock was gone")")
        let sold = try ada.query("SELECT COALESCE(SUM(quantity), 0) AS sold FROM order_lines WHERE product_id = $1", [.text(keyboard.rawValue)])
        let stock = try ada.query("SELECT stock FROM products WHERE id = $1", [.text(keyboard.rawValue)])
        let unitsSold = try sold.first?.int("sold") ?? 0
        let left = try stock.first?.int("stock") ?? 0
        let outcome = unitsSold + left == 1 ? "✓ sold the one there was" : "✗ oversold: \(unitsSold) sold from a stock of 1"
        rows.append([way.name, "\(unitsSold)", "\(left)", outcome])
    }
    narrator.table(["checkout", "keyboards sold", "stock after", "outcome"], rows)
    narrator.notice(
        "the source's way read 1, decided, and wrote 1 − 1 = 0 over Linus's 0: two orders, one keyboard. Its `stock -= quantity` through an ORM writes the value it computed, and afterwards the table looks plausible: stock 0, two orders. The conditional UPDATE decides on the stock as it is when it writes."
    )
    narrator.say(
        "placeOrder runs that UPDATE inside its transaction (act 1's trace); exercise 01's race checks put another checkout at exactly this moment against your code."
    )
}

/// Two ways to take a unit off the shelf.
private enum CheckoutWay: CaseIterable {
    /// The source material's: read the stock, decide in the program, write the new value.
    case checkThenAct
    /// The fix: one UPDATE that decides and writes, on the stock as it is then.
    case conditionalUpdate

    var name: String {
        switch self {
        case .checkThenAct: "the source's check-then-act (SELECT, then SET stock = read − 1)"
        case .conditionalUpdate: "the conditional UPDATE (SET stock = stock − 1 WHERE stock >= 1)"
        }
    }

    func check(_ product: ProductID, on database: any Database) throws -> Int {
        try database.query("SELECT stock FROM products WHERE id = $1", [.text(product.rawValue)]).first?.int("stock") ?? 0
    }

    /// Takes one unit and records a one-line order; answers false when the stock was gone.
    func buy(_ product: ProductID, read: Int, price: Cents, order: String, customer: String, on database: any Database) throws -> Bool {
        let changed =
            switch self {
            case .checkThenAct:
                try database.execute("UPDATE products SET stock = $1 WHERE id = $2", .int(read - 1), .text(product.rawValue))
            case .conditionalUpdate:
                try database.execute("UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock >= 1", .text(product.rawValue))
            }
        guard changed == 1 else { return false }
        try database.execute("INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3)", .text(order), .text(customer), .int(price.value))
        try database.execute(
            "INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, 1, $2, 1, $3)",
            .text(order), .text(product.rawValue), .int(price.value))
        return true
    }
}
