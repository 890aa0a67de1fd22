import Shop

/// What a client asks for: an order id of its choosing, who is buying, and what.
///
/// There is no price anywhere in a request. Prices come from the catalog at the moment the
/// order is placed; a client that could send a price could send $0.01.
public struct OrderRequest: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: OrderID
    public let customer: CustomerID
    public let lines: [OrderLine]

    public init(id: OrderID, customer: CustomerID, lines: [OrderLine]) {
        self.id = id
        self.customer = customer
        self.lines = lines
    }

    /// The ids quoted as Swift would write them, so that a blank or odd id is visible.
    public var description: String {
        "order \(id.rawValue.debugDescription) for \(customer.rawValue.debugDescription): "
            + (lines.isEmpty ? "no lines" : lines.map(\.description).joined(separator: ", "))
    }
}

/// One line of a request: a product and how many of it.
public struct OrderLine: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The largest quantity one line may ask for.
    public static let maximumQuantity = 1_000

    public let product: ProductID
    public let quantity: Int

    public init(product: ProductID, quantity: Int) {
        self.product = product
        self.quantity = quantity
    }

    public var description: String { "\(quantity)× \(product)" }
}
