/// One line of an order: a product and how many.
public struct LineItem: Codable, Sendable, Hashable {
    public var productID: String
    public var quantity: Int

    public init(productID: String, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }
}

/// Inventory: hold stock for an order. POST /reserve.
public struct ReserveStock: Codable, Sendable, Hashable {
    public var orderID: String
    public var lines: [LineItem]

    public init(orderID: String, lines: [LineItem]) {
        self.orderID = orderID
        self.lines = lines
    }
}

/// Inventory's answer: the reservation and the order's total at the shop's own prices.
public struct Reservation: Codable, Sendable, Hashable {
    public var reservationID: String
    public var totalCents: Int

    public init(reservationID: String, totalCents: Int) {
        self.reservationID = reservationID
        self.totalCents = totalCents
    }
}

/// Orders: record an order. POST /record. Compensated by POST /cancel.
public struct RecordOrder: Codable, Sendable, Hashable {
    public var orderID: String
    public var customerID: String
    public var totalCents: Int
    public var reservationID: String

    public init(orderID: String, customerID: String, totalCents: Int, reservationID: String) {
        self.orderID = orderID
        self.customerID = customerID
        self.totalCents = totalCents
        self.reservationID = reservationID
    }
}

/// Payments: charge the customer for an order. POST /charge.
public struct ChargeCustomer: Codable, Sendable, Hashable {
    public var orderID: String
    public var customerID: String
    public var amountCents: Int

    public init(orderID: String, customerID: String, amountCents: Int) {
        self.orderID = orderID
        self.customerID = customerID
        self.amountCents = amountCents
    }
}

/// Payments' answer to a charge.
public struct Charge: Codable, Sendable, Hashable {
    public var chargeID: String
    public var amountCents: Int

    public init(chargeID: String, amountCents: Int) {
        self.chargeID = chargeID
        self.amountCents = amountCents
    }
}

/// Names the order a compensation undoes: POST /release (inventory), /cancel (orders),
/// /refund (payments). Each is harmless when there is nothing to undo.
public struct OrderReference: Codable, Sendable, Hashable {
    public var orderID: String

    public init(orderID: String) { self.orderID = orderID }
}

/// The answer to a compensation: what it undid (units released, cents refunded, orders cancelled).
public struct Undone: Codable, Sendable, Hashable {
    public var orderID: String
    public var undone: Int

    public init(orderID: String, undone: Int) {
        self.orderID = orderID
        self.undone = undone
    }
}

/// The answer to POST /record.
public struct RecordedOrder: Codable, Sendable, Hashable {
    public var orderID: String

    public init(orderID: String) { self.orderID = orderID }
}
