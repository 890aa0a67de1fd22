import Shop
import WorkbookKit

/// The shop's checkout says: this order was placed. It does not say what anyone should do.
public struct OrderPlaced: ShopEvent {
    public static let typeName = "order.placed"
    public static let version = 1

    public let order: OrderID
    public let customer: CustomerID
    public let total: Cents
    public let items: Int

    public init(order: OrderID, customer: CustomerID, total: Cents, items: Int) {
        self.order = order
        self.customer = customer
        self.total = total
        self.items = items
    }
}

/// Makes event ids from a seeded generator, so that a run with the same seed names its events the same.
public struct EventIDs: Sendable {
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    public mutating func next() -> EventID {
        EventID("evt-" + String(random.next() >> 16, radix: 16))
    }
}
