import Shop

/// What a placed order cost: every line priced from the catalog, and the total charged.
public struct OrderReceipt: Sendable, Hashable, Codable, CustomStringConvertible {
    public let order: OrderID
    public let customer: CustomerID
    /// The lines in the order the request listed them.
    public let lines: [PricedLine]
    /// The sum of the lines' totals: what the customer was charged.
    public let total: Cents

    public init(order: OrderID, customer: CustomerID, lines: [PricedLine], total: Cents) {
        self.order = order
        self.customer = customer
        self.lines = lines
        self.total = total
    }

    public var description: String {
        "order \(order) for \(customer): " + lines.map(\.description).joined(separator: ", ") + " = \(total)"
    }
}

/// A request line with the catalog's unit price at the time of the order.
public struct PricedLine: Sendable, Hashable, Codable, CustomStringConvertible {
    public let product: ProductID
    public let quantity: Int
    public let unitPrice: Cents

    public init(product: ProductID, quantity: Int, unitPrice: Cents) {
        self.product = product
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    /// Unit price times quantity.
    public var lineTotal: Cents { Cents(unitPrice.value * quantity) }

    public var description: String { "\(quantity)× \(product) @ \(unitPrice)" }
}
