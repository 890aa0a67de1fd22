import Database
import Shop

/// Why an order was not placed. When one is thrown, nothing of the order is left in the database.
///
/// When a request has several problems, the first in this order is the one reported:
/// ``invalidRequest(_:)``, ``duplicateOrder(_:)``, ``unknownCustomer(_:)``,
/// ``unknownProduct(_:)``, ``insufficientStock(product:requested:available:)``,
/// ``insufficientFunds(customer:balance:total:)``; ``database(_:)`` whenever the database fails.
public enum OrderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request is malformed; nothing was read from the database.
    case invalidRequest(InvalidRequest)
    /// An order with this id already exists.
    case duplicateOrder(OrderID)
    /// No customer has this id.
    case unknownCustomer(CustomerID)
    /// No product has this id (the first unknown one, in line order).
    case unknownProduct(ProductID)
    /// The first line, in line order, whose product could not be reserved: it asked for
    /// `requested` and only `available` were left at that point of the order.
    case insufficientStock(product: ProductID, requested: Int, available: Int)
    /// The customer's balance does not cover the order's total.
    case insufficientFunds(customer: CustomerID, balance: Cents, total: Cents)
    /// The database failed; the error says which statement and why.
    case database(DatabaseError)

    public var description: String {
        switch self {
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .duplicateOrder(let id): "order \(id) already exists"
        case .unknownCustomer(let id): "unknown customer \(id)"
        case .unknownProduct(let id): "unknown product \(id)"
        case let .insufficientStock(product, requested, available):
            "insufficient stock of \(product): asked for \(requested), \(available) left"
        case let .insufficientFunds(customer, balance, total):
            "insufficient funds: \(customer) has \(balance), the order costs \(total)"
        case .database(let error): "database failure: \(error)"
        }
    }
}

/// What is wrong with a malformed request, checked in this order.
public enum InvalidRequest: Sendable, Hashable, CustomStringConvertible {
    /// The order id is empty or only whitespace.
    case blankOrderID
    /// The request has no lines.
    case noLines
    /// The first line whose quantity is not within 1…``OrderLine/maximumQuantity``.
    case quantityOutOfRange(product: ProductID, quantity: Int)

    public var description: String {
        switch self {
        case .blankOrderID: "the order id is blank"
        case .noLines: "the order has no lines"
        case let .quantityOutOfRange(product, quantity):
            "quantity \(quantity) of \(product) is not within 1…\(OrderLine.maximumQuantity)"
        }
    }
}
