// Mistake: reports as available the stock before the order, not what earlier lines left
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
/// - Parameters:
///   - request: what the client asked for.
///   - database: the shop's database (see `ShopSchema` for its tables).
/// - Returns: the receipt: the lines priced from the catalog, in request order, and the total.
/// - Throws: ``OrderError``.
public func placeOrder(_ request: OrderRequest, in database: any Database) throws -> OrderReceipt {
    if request.id.rawValue.allSatisfy(\.isWhitespace) { throw OrderError.invalidRequest(.blankOrderID) }
    if request.lines.isEmpty { throw OrderError.invalidRequest(.noLines) }
    if let line = request.lines.first(where: { !(1...OrderLine.maximumQuantity).contains($0.quantity) }) {
        throw OrderError.invalidRequest(.quantityOutOfRange(product: line.product, quantity: line.quantity))
    }

    func reserve(_ line: PricedLine) throws {
        let reserved = try database.execute(
            "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1",
            .int(line.quantity), .text(line.product.rawValue))
        if reserved == 0 {
            let available = try database.query("SELECT stock FROM products WHERE id = $1", .text(line.product.rawValue))
            let earlier = request.lines.prefix { $0 != OrderLine(product: line.product, quantity: line.quantity) }.filter { $0.product == line.product }.map(
                \.quantity
            ).reduce(0, +)
            throw OrderError.insufficientStock(
                product: line.product, requested: line.quantity, available: (try available.first?.int("stock") ?? 0) + earlier)
        }
    }

    do {
        return try database.transaction {
            let existing = try database.query("SELECT id FROM orders WHERE id = $1", .text(request.id.rawValue))
            if !existing.isEmpty { throw OrderError.duplicateOrder(request.id) }

            let customer = try database.query(
                "SELECT balance_cents FROM customers WHERE id = $1", .text(request.customer.rawValue))
            guard let balance = try customer.first.map({ Cents(try $0.int("balance_cents")) }) else {
                throw OrderError.unknownCustomer(request.customer)
            }

            var priced: [PricedLine] = []
            for line in request.lines {
                let product = try database.query("SELECT price_cents FROM products WHERE id = $1", .text(line.product.rawValue))
                guard let price = try product.first.map({ Cents(try $0.int("price_cents")) }) else {
                    throw OrderError.unknownProduct(line.product)
                }
                priced.append(PricedLine(product: line.product, quantity: line.quantity, unitPrice: price))
            }

            for line in priced { try reserve(line) }

            let total = priced.map(\.lineTotal).reduce(Cents.zero, +)
            let charged = try database.execute(
                "UPDATE customers SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1",
                .int(total.value), .text(request.customer.rawValue))
            if charged == 0 {
                throw OrderError.insufficientFunds(customer: request.customer, balance: balance, total: total)
            }

            // The read above refuses a duplicate early, in rule order; the write decides for good:
            // another checkout may have placed this id since (on PostgreSQL it waits for theirs).
            let recorded = try database.execute(
                "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
                .text(request.id.rawValue), .text(request.customer.rawValue), .int(total.value))
            if recorded == 0 { throw OrderError.duplicateOrder(request.id) }
            for (index, line) in priced.enumerated() {
                try database.execute(
                    "INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)",
                    .text(request.id.rawValue), .int(index + 1), .text(line.product.rawValue), .int(line.quantity),
                    .int(line.unitPrice.value))
            }
            return OrderReceipt(order: request.id, customer: request.customer, lines: priced, total: total)
        }
    } catch let error as DatabaseError {
        throw OrderError.database(error)
    }
}
