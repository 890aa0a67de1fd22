import Database
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// Specification checks: orders that must be placed, and exactly what they leave behind.
@Suite("Exercise 01 · placing an order")
struct PlacementChecks {
    @Test(
        "a happy order reserves the stock, charges the customer and records the order with its lines",
        arguments: Grading.implementations)
    func happyOrder(_ implementation: Implementation) throws {
        let shop = try Fixture()
        let request = OrderRequest(
            id: "order-1", customer: "ada", lines: [Standard.line(Standard.headphones, 1), Standard.line(Standard.cable, 2)])
        let expected = OrderReceipt(
            order: "order-1", customer: "ada",
            lines: [
                PricedLine(product: Standard.headphones, quantity: 1, unitPrice: 14_999),
                PricedLine(product: Standard.cable, quantity: 2, unitPrice: 1_250),
            ], total: 17_499)
        let outcome = try implementation.place(request, in: shop.database)
        #expect(outcome == .placed(expected), "on \(request)")
        try expectTables(shop, hold: shop.before.placing(expected), after: request)
    }

    @Test("unit prices come from the catalog as it is when the order is placed", arguments: Grading.implementations)
    func pricesFromCatalog(_ implementation: Implementation) throws {
        let shop = try Fixture()
        try shop.database.execute("UPDATE products SET price_cents = 9999 WHERE id = $1", .text(Standard.headphones.rawValue))
        let repriced = try shop.snapshot()
        let request = OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.headphones, 2)])
        let expected = OrderReceipt(
            order: "order-1", customer: "ada", lines: [PricedLine(product: Standard.headphones, quantity: 2, unitPrice: 9_999)],
            total: 19_998)
        let outcome = try implementation.place(request, in: shop.database)
        #expect(outcome == .placed(expected), "after the headphones were repriced to $99.99, on \(request)")
        try expectTables(shop, hold: repriced.placing(expected), after: request)
    }

    @Test("the same product on two lines reserves both quantities", arguments: Grading.implementations)
    func repeatedProduct(_ implementation: Implementation) throws {
        let shop = try Fixture()
        let request = OrderRequest(id: "order-1", customer: "linus", lines: [Standard.line(Standard.cable, 3), Standard.line(Standard.cable, 4)])
        let expected = OrderReceipt(
            order: "order-1", customer: "linus",
            lines: [PricedLine(product: Standard.cable, quantity: 3, unitPrice: 1_250), PricedLine(product: Standard.cable, quantity: 4, unitPrice: 1_250)],
            total: 8_750)
        let outcome = try implementation.place(request, in: shop.database)
        #expect(outcome == .placed(expected), "on \(request)")
        try expectTables(shop, hold: shop.before.placing(expected), after: request)
    }

    @Test("the last unit in stock and the last cent of a balance are enough", arguments: Grading.implementations)
    func exactlyEnough(_ implementation: Implementation) throws {
        var seed = ShopSeed.standard
        seed.customers.append(Customer(id: "exact", name: "Exact Amount", balance: 17_800))
        let shop = try Fixture(seed)
        let request = OrderRequest(id: "order-1", customer: "exact", lines: [Standard.line(Standard.keyboard, 2)])
        let expected = OrderReceipt(
            order: "order-1", customer: "exact", lines: [PricedLine(product: Standard.keyboard, quantity: 2, unitPrice: 8_900)], total: 17_800)
        let outcome = try implementation.place(request, in: shop.database)
        #expect(outcome == .placed(expected), "with 2 keyboards in stock and a balance of $178.00, on \(request)")
        try expectTables(shop, hold: shop.before.placing(expected), after: request)
    }

    @Test("orders accumulate: a second order sees what the first one took", arguments: Grading.implementations)
    func ordersAccumulate(_ implementation: Implementation) throws {
        let shop = try Fixture()
        let first = OrderRequest(id: "order-1", customer: "linus", lines: [Standard.line(Standard.monitor, 2)])
        let second = OrderRequest(id: "order-2", customer: "ada", lines: [Standard.line(Standard.monitor, 2)])
        let third = OrderRequest(id: "order-3", customer: "ada", lines: [Standard.line(Standard.monitor, 1)])
        let firstReceipt = OrderReceipt(
            order: "order-1", customer: "linus", lines: [PricedLine(product: Standard.monitor, quantity: 2, unitPrice: 32_900)], total: 65_800)
        let thirdReceipt = OrderReceipt(
            order: "order-3", customer: "ada", lines: [PricedLine(product: Standard.monitor, quantity: 1, unitPrice: 32_900)], total: 32_900)
        do {
            let yours = try implementation.place(first, in: shop.database)
            #expect(yours == .placed(firstReceipt), "on \(first)")
        }
        #expect(
            try implementation.place(second, in: shop.database)
                == .refused(.insufficientStock(product: Standard.monitor, requested: 2, available: 1)),
            "on \(second), after order-1 took 2 of the 3 monitors")
        do {
            let yours = try implementation.place(third, in: shop.database)
            #expect(yours == .placed(thirdReceipt), "on \(third), after order-2 was refused")
        }
        try expectTables(shop, hold: shop.before.placing(firstReceipt).placing(thirdReceipt), after: third)
    }

    private func expectTables(
        _ shop: Fixture, hold expected: ShopSnapshot, after request: OrderRequest,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let differences = try shop.snapshot().differences(from: expected)
        #expect(
            differences.isEmpty,
            "after \(request) the tables differ from what the contract says ('only after' = rows your code left, 'only before' = rows the contract expects):\n\(differences.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        #expect(!shop.database.isInTransaction, "a transaction was left open after \(request)", sourceLocation: sourceLocation)
    }
}
