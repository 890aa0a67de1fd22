/// The shop's books must balance whatever happened in between:
/// every unit is either still in stock or on an order line, and every cent is either still in a
/// customer's balance or in an order's total.
public enum ShopAudit {
    /// One broken invariant, in words.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// Compares the books at `end` with the books at `start`; an empty answer means they balance.
    public static func violations(from start: ShopSnapshot, to end: ShopSnapshot) -> [Violation] {
        var found: [Violation] = []
        for product in start.products.sorted(by: { $0.id < $1.id }) {
            let stock = end.stock(of: product.id) ?? 0
            let sold =
                end.lines.filter { $0.product == product.id }.map(\.quantity).reduce(0, +)
                - start.lines.filter { $0.product == product.id }.map(\.quantity).reduce(0, +)
            if stock + sold != product.stock {
                found.append(Violation(description: "\(product.id): stock \(stock) + sold \(sold) ≠ initial \(product.stock)"))
            }
        }
        let balances = { (snapshot: ShopSnapshot) in snapshot.customers.map(\.balance.value).reduce(0, +) }
        let revenue = { (snapshot: ShopSnapshot) in snapshot.orders.map(\.total.value).reduce(0, +) }
        if balances(end) + revenue(end) != balances(start) + revenue(start) {
            found.append(
                Violation(
                    description:
                        "balances \(Cents(balances(end))) + revenue \(Cents(revenue(end) - revenue(start))) ≠ initial balances \(Cents(balances(start)))"))
        }
        for order in end.orders {
            let lines = end.lines.filter { $0.order == order.id }
            let sum = lines.map { $0.unitPrice.value * $0.quantity }.reduce(0, +)
            if lines.isEmpty || sum != order.total.value {
                found.append(Violation(description: "order \(order.id): total \(order.total) but its \(lines.count) line(s) add up to \(Cents(sum))"))
            }
        }
        return found
    }
}
