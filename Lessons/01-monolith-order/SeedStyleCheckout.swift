import Database
import Shop

/// The order flow as the source material writes it, kept here to show its two flaws:
/// it charges the unit price the client sent, and with `inTransaction: false` it runs each
/// statement on its own (autocommit), so a failure half-way leaves what was already done.
///
/// It is the lesson's foil, not a pattern to copy: `placeOrder` is the fix.
struct SeedStyleCheckout {
    /// A line as the source material's client sends it: with a price of its own choosing.
    struct ClientLine {
        let product: ProductID
        let quantity: Int
        let unitPrice: Cents
    }

    let database: any Database
    let inTransaction: Bool

    /// Reserves, charges and records; answers the total charged, or nil when refused.
    func placeOrder(id: OrderID, customer: CustomerID, lines: [ClientLine]) throws -> Cents? {
        let total = lines.map { Cents($0.unitPrice.value * $0.quantity) }.reduce(Cents.zero, +)
        if inTransaction { try database.begin() }
        do {
            for line in lines {
                let reserved = try database.execute(
                    "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1",
                    .int(line.quantity), .text(line.product.rawValue))
                if reserved == 0 { return try refuse() }
            }
            let charged = try database.execute(
                "UPDATE customers SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1",
                .int(total.value), .text(customer.rawValue))
            if charged == 0 { return try refuse() }
            try database.execute(
                "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3)",
                .text(id.rawValue), .text(customer.rawValue), .int(total.value))
            for (index, line) in lines.enumerated() {
                try database.execute(
                    "INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)",
                    .text(id.rawValue), .int(index + 1), .text(line.product.rawValue), .int(line.quantity),
                    .int(line.unitPrice.value))
            }
            if inTransaction { try database.commit() }
            return total
        } catch {
            if database.isInTransaction { try? database.rollback() }
            throw error
        }
    }

    private func refuse() throws -> Cents? {
        if database.isInTransaction { try database.rollback() }
        return nil
    }
}
