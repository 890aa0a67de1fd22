/// A customer and the money they hold with the shop.
public struct Customer: Sendable, Hashable, Codable {
    public let id: CustomerID
    public let name: String
    public let balance: Cents

    public init(id: CustomerID, name: String, balance: Cents) {
        self.id = id
        self.name = name
        self.balance = balance
    }
}

/// A product in the catalog: its current price and how many are in stock.
public struct Product: Sendable, Hashable, Codable {
    public let id: ProductID
    public let name: String
    public let price: Cents
    public let stock: Int

    public init(id: ProductID, name: String, price: Cents, stock: Int) {
        self.id = id
        self.name = name
        self.price = price
        self.stock = stock
    }
}

/// A recorded order: who placed it and what they were charged.
public struct OrderRecord: Sendable, Hashable, Codable {
    public let id: OrderID
    public let customer: CustomerID
    public let total: Cents

    public init(id: OrderID, customer: CustomerID, total: Cents) {
        self.id = id
        self.customer = customer
        self.total = total
    }
}

/// One recorded line of an order, with the unit price the catalog had when it was placed.
public struct OrderLineRecord: Sendable, Hashable, Codable {
    public let order: OrderID
    /// The line's position in the order, from 1.
    public let lineNumber: Int
    public let product: ProductID
    public let quantity: Int
    public let unitPrice: Cents

    public init(order: OrderID, lineNumber: Int, product: ProductID, quantity: Int, unitPrice: Cents) {
        self.order = order
        self.lineNumber = lineNumber
        self.product = product
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
