/// The three databases of the split shop, read at one moment.
public struct SplitState: Sendable, Hashable {
    public var inventory: InventoryState
    public var orders: OrdersState
    public var payments: PaymentsState

    /// Orders that stand: recorded and not cancelled.
    public var standingOrders: Set<String> {
        Set(orders.orders.filter { !$0.cancelled }.map(\.orderID))
    }

    /// Units each order still holds.
    public var heldUnits: [String: Int] {
        inventory.reservations.filter(\.active).reduce(into: [:]) { $0[$1.orderID, default: 0] += $1.units }
    }

    /// Charges each order still has (not refunded).
    public var activeCharges: [String: [Int]] {
        payments.charges.filter { !$0.refunded }.reduce(into: [:]) { $0[$1.orderID, default: []].append($1.amountCents) }
    }

    /// What a comparison looks at: the data, without the ids the services made up.
    public var snapshot: SplitSnapshot {
        SplitSnapshot(
            stock: inventory.stock,
            balances: payments.balances,
            holds: inventory.reservations.map { "\($0.orderID) holds \($0.units) unit(s)\($0.active ? "" : ", released")" }.sorted(),
            charges: payments.charges.map { "\($0.orderID) charged \($0.amountCents)¢\($0.refunded ? ", refunded" : "")" }.sorted(),
            orders: orders.orders.map { "\($0.orderID) for \($0.customerID), \($0.totalCents)¢\($0.cancelled ? ", cancelled" : "")" }.sorted())
    }

    /// What is inconsistent across the three databases.
    public var audit: SplitAudit {
        let standing = standingOrders
        let held = heldUnits
        let charged = activeCharges
        let everyOrder = Set(held.keys).union(charged.keys).union(standing)
        return SplitAudit(
            chargedWithoutOrder: everyOrder.filter { charged[$0] != nil && !standing.contains($0) }.sorted(),
            stockHeldWithoutOrder: everyOrder.filter { held[$0] != nil && !standing.contains($0) }.sorted(),
            doubleCharged: everyOrder.filter { (charged[$0]?.count ?? 0) > 1 }.sorted(),
            orderWithoutPayment: standing.filter { charged[$0] == nil }.sorted(),
            orderWithoutStock: standing.filter { held[$0] == nil }.sorted())
    }
}

/// The state of the split shop as comparable values: stock and balances, and every hold,
/// charge and order as a line, sorted.
public struct SplitSnapshot: Sendable, Hashable {
    public var stock: [String: Int]
    public var balances: [String: Int]
    public var holds: [String]
    public var charges: [String]
    public var orders: [String]

    /// The differences from `expected`, one line each: what was expected, what was found.
    public func differences(from expected: SplitSnapshot) -> [String] {
        var lines: [String] = []
        for product in Set(stock.keys).union(expected.stock.keys).sorted() where stock[product] != expected.stock[product] {
            lines.append("stock of \(product): expected \(expected.stock[product] ?? 0), found \(stock[product] ?? 0)")
        }
        for customer in Set(balances.keys).union(expected.balances.keys).sorted() where balances[customer] != expected.balances[customer] {
            lines.append("balance of \(customer): expected \(expected.balances[customer] ?? 0)¢, found \(balances[customer] ?? 0)¢")
        }
        for (name, mine, theirs) in [("holds", holds, expected.holds), ("charges", charges, expected.charges), ("orders", orders, expected.orders)]
        where mine != theirs {
            lines.append("\(name): expected [\(theirs.joined(separator: "; "))], found [\(mine.joined(separator: "; "))]")
        }
        return lines
    }
}

/// Inconsistencies across the three databases, by order id.
public struct SplitAudit: Sendable, Hashable {
    /// Money taken for an order that does not stand.
    public var chargedWithoutOrder: [String]
    /// Stock held for an order that does not stand.
    public var stockHeldWithoutOrder: [String]
    /// More than one live charge for one order.
    public var doubleCharged: [String]
    /// An order that stands without a live charge.
    public var orderWithoutPayment: [String]
    /// An order that stands without held stock.
    public var orderWithoutStock: [String]

    /// How many inconsistencies there are in all.
    public var count: Int {
        chargedWithoutOrder.count + stockHeldWithoutOrder.count + doubleCharged.count
            + orderWithoutPayment.count + orderWithoutStock.count
    }

    /// Each kind with its count, for a table.
    public var rows: [(kind: String, orders: [String])] {
        [
            ("charged without an order", chargedWithoutOrder),
            ("stock held without an order", stockHeldWithoutOrder),
            ("charged twice", doubleCharged),
            ("order without payment", orderWithoutPayment),
            ("order without stock", orderWithoutStock),
        ]
    }
}
