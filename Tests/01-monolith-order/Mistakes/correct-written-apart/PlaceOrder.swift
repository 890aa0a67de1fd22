// Correct: the same contract written apart from the reference — prices read in one IN query,
// the transaction opened and closed by hand, each rule a small function of its own
import Database
import MonolithOrderKit
import Shop

/// Places an order: reserves the stock of every line, charges the customer and records the order
/// with its lines — all in one database transaction, so that either all of it happens or none.
///
/// The rules, checked in this order (the first broken one is the error thrown):
/// 1. The request is well formed, checked before touching the database:
///    the order id is not blank, there is at least one line, and every quantity is within
///    1…``OrderLine/maximumQuantity`` → ``OrderError/invalidRequest(_:)``.
/// 2. No order with this id exists → ``OrderError/duplicateOrder(_:)``.
/// 3. The customer exists → ``OrderError/unknownCustomer(_:)``.
/// 4. Every product exists → ``OrderError/unknownProduct(_:)`` naming the first unknown one.
/// 5. Each line, in order, reserves its quantity from the product's stock (the same product may
///    appear on several lines) → ``OrderError/insufficientStock(product:requested:available:)``.
/// 6. The customer's balance covers the total → ``OrderError/insufficientFunds(customer:balance:total:)``.
///
/// Every unit price comes from the catalog (`products.price_cents`), never from the request.
/// A successful order leaves: each product's stock lowered by its quantities, the customer's
/// balance lowered by the total, one `orders` row and one `order_lines` row per request line
/// (numbered from 1 in request order, with the unit price charged). A failure of any kind —
/// including the database failing on any statement — leaves the database exactly as it was,
/// and a database failure is thrown as ``OrderError/database(_:)``.
///
/// The same code runs on SQLite and PostgreSQL: bind values as `$1`, `$2`, … and write SQL both
/// accept (`UPDATE … SET stock = stock - $1 WHERE id = $2 AND stock >= $1` does; SQLite-only forms
/// such as `INSERT OR IGNORE` do not). Another checkout may change the stock or the balance between
/// your reads and your writes: decide in the statement that writes, not from what you read.
///
/// - Parameters:
///   - request: what the client asked for.
///   - database: the shop's database (see `ShopSchema` for its tables).
/// - Returns: the receipt: the lines priced from the catalog, in request order, and the total.
/// - Throws: ``OrderError``.
public func placeOrder(_ request: OrderRequest, in database: any Database) throws -> OrderReceipt {
    try validate(request)
    do {
        try database.begin()
    } catch {
        throw OrderError.database(error)
    }
    do {
        let receipt = try checkout(request, database)
        try database.commit()
        return receipt
    } catch {
        if database.isInTransaction { try? database.rollback() }
        if let failure = error as? DatabaseError { throw OrderError.database(failure) }
        throw error
    }
}

private func validate(_ request: OrderRequest) throws {
    guard request.id.rawValue.contains(where: { !$0.isWhitespace }) else { throw OrderError.invalidRequest(.blankOrderID) }
    guard !request.lines.isEmpty else { throw OrderError.invalidRequest(.noLines) }
    for line in request.lines where line.quantity < 1 || line.quantity > OrderLine.maximumQuantity {
        throw OrderError.invalidRequest(.quantityOutOfRange(product: line.product, quantity: line.quantity))
    }
}

private func checkout(_ request: OrderRequest, _ database: any Database) throws -> OrderReceipt {
    guard try database.query("SELECT 1 AS found FROM orders WHERE id = $1", .text(request.id.rawValue)).isEmpty else {
        throw OrderError.duplicateOrder(request.id)
    }
    guard let balanceRow = try database.query("SELECT balance_cents FROM customers WHERE id = $1", .text(request.customer.rawValue)).first
    else { throw OrderError.unknownCustomer(request.customer) }
    let balance = Cents(try balanceRow.int("balance_cents"))

    let catalog = try prices(of: request.lines.map(\.product), in: database)
    let lines = try request.lines.map { line -> PricedLine in
        guard let price = catalog[line.product] else { throw OrderError.unknownProduct(line.product) }
        return PricedLine(product: line.product, quantity: line.quantity, unitPrice: price)
    }
    for line in lines { try take(line, from: database) }

    let total = lines.reduce(Cents.zero) { $0 + $1.lineTotal }
    let paid = try database.execute(
        "UPDATE customers SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1", .int(total.value),
        .text(request.customer.rawValue))
    guard paid == 1 else { throw OrderError.insufficientFunds(customer: request.customer, balance: balance, total: total) }

    do {
        try database.execute(
            "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3)", .text(request.id.rawValue),
            .text(request.customer.rawValue), .int(total.value))
    } catch {
        // Placed by another checkout since the read above: the primary key refuses the second.
        guard error.kind == .constraintViolation else { throw error }
        throw OrderError.duplicateOrder(request.id)
    }
    var number = 0
    for line in lines {
        number += 1
        try database.execute(
            "INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)",
            .text(request.id.rawValue), .int(number), .text(line.product.rawValue), .int(line.quantity), .int(line.unitPrice.value))
    }
    return OrderReceipt(order: request.id, customer: request.customer, lines: lines, total: total)
}

/// The catalog price of every product in `products` that exists, in one query.
private func prices(of products: [ProductID], in database: any Database) throws -> [ProductID: Cents] {
    let distinct = Array(Set(products.map(\.rawValue))).sorted()
    let placeholders = distinct.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
    let rows = try database.query("SELECT id, price_cents FROM products WHERE id IN (\(placeholders))", distinct.map { .text($0) })
    var found: [ProductID: Cents] = [:]
    for row in rows { found[ProductID(try row.string("id"))] = Cents(try row.int("price_cents")) }
    return found
}

/// Takes one line's quantity off the shelf, deciding in the UPDATE itself.
private func take(_ line: PricedLine, from database: any Database) throws {
    let changed = try database.execute(
        "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1", .int(line.quantity), .text(line.product.rawValue))
    if changed == 0 {
        let left = try database.query("SELECT stock FROM products WHERE id = $1", .text(line.product.rawValue)).first
        throw OrderError.insufficientStock(product: line.product, requested: line.quantity, available: try left?.int("stock") ?? 0)
    }
}
