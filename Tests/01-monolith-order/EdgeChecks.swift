import Database
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// The inside of every edge: the smallest and largest quantity are accepted, and an order id
/// that only looks odd is not blank and is stored exactly as sent.
@Suite("Exercise 01 · the edges of a well-formed request")
struct EdgeChecks {
    /// A shop with plenty of one cheap product and a rich customer, so that only the request's
    /// shape can refuse an order.
    static let plenty = ShopSeed(
        customers: [Customer(id: "rich", name: "Rich", balance: 100_000_000)],
        products: [Product(id: "SKU-PIN", name: "Pin", price: 7, stock: 5_000)])

    @Test("a quantity of 1 and of OrderLine.maximumQuantity are both accepted", arguments: Grading.implementations)
    func quantityEnds(_ implementation: Implementation) throws {
        let shop = try Fixture(Self.plenty)
        let request = OrderRequest(id: "order-1", customer: "rich", lines: [Standard.line("SKU-PIN", 1), Standard.line("SKU-PIN", OrderLine.maximumQuantity)])
        let expected = OrderReceipt(
            order: "order-1", customer: "rich",
            lines: [
                PricedLine(product: "SKU-PIN", quantity: 1, unitPrice: 7), PricedLine(product: "SKU-PIN", quantity: OrderLine.maximumQuantity, unitPrice: 7),
            ],
            total: Cents(7 * (1 + OrderLine.maximumQuantity)))
        let outcome = try implementation.place(request, in: shop.database)
        #expect(
            outcome == .placed(expected),
            "rule broken: quantities 1…\(OrderLine.maximumQuantity) are well formed, both ends included\n  expected: \(Outcome.placed(expected))\n  yours:    \(outcome)\n  input:    \(request)"
        )
    }

    @Test("an id with spaces around it, or non-ASCII, is not blank and is stored exactly as sent", arguments: Grading.implementations)
    func oddIDs(_ implementation: Implementation) throws {
        let shop = try Fixture(Self.plenty)
        for id in [" order-1 ", "order-1", "ördér\u{3000}2", "\no"] {
            let request = OrderRequest(id: OrderID(id), customer: "rich", lines: [Standard.line("SKU-PIN", 1)])
            let outcome = try implementation.place(request, in: shop.database)
            let expected = Outcome.placed(
                OrderReceipt(order: OrderID(id), customer: "rich", lines: [PricedLine(product: "SKU-PIN", quantity: 1, unitPrice: 7)], total: 7))
            #expect(
                outcome == expected,
                "rule broken: an id is blank only when every character is whitespace\n  expected: \(expected)\n  yours:    \(outcome)\n  input:    order id \"\(id.debugDescription.dropFirst().dropLast())\""
            )
        }
        let stored = try Set(shop.database.query("SELECT id FROM orders").map { try $0.string("id") })
        #expect(
            stored == [" order-1 ", "order-1", "ördér\u{3000}2", "\no"],
            "rule broken: the order id is stored exactly as sent\n  expected: [\" order-1 \", \"order-1\", \"ördér\\u{3000}2\", \"\\no\"]\n  yours:    \(stored.sorted().map(\.debugDescription))"
        )
    }
}
