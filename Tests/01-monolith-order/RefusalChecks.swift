import Database
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// Specification checks: orders that must be refused with the right error, leaving nothing behind.
@Suite("Exercise 01 · refusing an order")
struct RefusalChecks {
    /// A request that must be refused with `error` on the standard shop.
    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let request: OrderRequest
        let error: OrderError
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "insufficient stock on the second line, after the first was reserved",
            request: OrderRequest(id: "o", customer: "linus", lines: [Standard.line(Standard.cable, 3), Standard.line(Standard.keyboard, 5)]),
            error: .insufficientStock(product: Standard.keyboard, requested: 5, available: 2)),
        Refusal(
            name: "insufficient stock on the first line",
            request: OrderRequest(id: "o", customer: "linus", lines: [Standard.line(Standard.monitor, 4), Standard.line(Standard.cable, 1)]),
            error: .insufficientStock(product: Standard.monitor, requested: 4, available: 3)),
        Refusal(
            name: "insufficient stock counts what earlier lines of the same order reserved",
            request: OrderRequest(id: "o", customer: "linus", lines: [Standard.line(Standard.cable, 30), Standard.line(Standard.cable, 15)]),
            error: .insufficientStock(product: Standard.cable, requested: 15, available: 10)),
        Refusal(
            name: "insufficient funds after all the stock was reserved",
            request: OrderRequest(id: "o", customer: "grace", lines: [Standard.line(Standard.monitor, 1), Standard.line(Standard.cable, 1)]),
            error: .insufficientFunds(customer: "grace", balance: 4_000, total: 34_150)),
        Refusal(
            name: "a total above the balance (four cables when it covers three)",
            request: OrderRequest(id: "o", customer: "grace", lines: [Standard.line(Standard.cable, 3), Standard.line(Standard.cable, 1)]),
            error: .insufficientFunds(customer: "grace", balance: 4_000, total: 5_000)),
        Refusal(
            name: "an unknown customer",
            request: OrderRequest(id: "o", customer: "mallory", lines: [Standard.line(Standard.cable, 1)]),
            error: .unknownCustomer("mallory")),
        Refusal(
            name: "an unknown product, naming the first unknown one",
            request: OrderRequest(
                id: "o", customer: "ada", lines: [Standard.line(Standard.cable, 1), Standard.line("SKU-NOPE", 1), Standard.line("SKU-ALSO-NOPE", 1)]),
            error: .unknownProduct("SKU-NOPE")),
        Refusal(
            name: "an unknown customer is reported before an unknown product",
            request: OrderRequest(id: "o", customer: "mallory", lines: [Standard.line("SKU-NOPE", 1)]),
            error: .unknownCustomer("mallory")),
        Refusal(
            name: "an unknown product is reported before the stock of an earlier line",
            request: OrderRequest(id: "o", customer: "ada", lines: [Standard.line(Standard.keyboard, 9), Standard.line("SKU-NOPE", 1)]),
            error: .unknownProduct("SKU-NOPE")),
        Refusal(
            name: "insufficient stock is reported before insufficient funds",
            request: OrderRequest(id: "o", customer: "grace", lines: [Standard.line(Standard.monitor, 1), Standard.line(Standard.keyboard, 3)]),
            error: .insufficientStock(product: Standard.keyboard, requested: 3, available: 2)),
    ]

    @Test("a refused order leaves every table as it was", arguments: Grading.implementations, refusals)
    func refused(_ implementation: Implementation, _ refusal: Refusal) throws {
        let shop = try Fixture()
        let outcome = try implementation.place(refusal.request, in: shop.database)
        #expect(outcome == .refused(refusal.error), "on \(refusal.request)")
        try shop.expectUnchanged(after: refusal.request)
    }

    static let malformedRequests: [Refusal] = [
        Refusal(
            name: "an empty order id", request: OrderRequest(id: "", customer: "ada", lines: [Standard.line(Standard.cable, 1)]),
            error: .invalidRequest(.blankOrderID)),
        Refusal(
            name: "a whitespace order id", request: OrderRequest(id: " \t", customer: "ada", lines: [Standard.line(Standard.cable, 1)]),
            error: .invalidRequest(.blankOrderID)),
        Refusal(
            name: "a newline order id", request: OrderRequest(id: "\n", customer: "ada", lines: [Standard.line(Standard.cable, 1)]),
            error: .invalidRequest(.blankOrderID)),
        Refusal(
            name: "an order id of Unicode spaces (no-break, ideographic)",
            request: OrderRequest(id: "\u{00A0}\u{3000}", customer: "ada", lines: [Standard.line(Standard.cable, 1)]), error: .invalidRequest(.blankOrderID)),
        Refusal(name: "no lines", request: OrderRequest(id: "o", customer: "ada", lines: []), error: .invalidRequest(.noLines)),
        Refusal(
            name: "a zero quantity", request: OrderRequest(id: "o", customer: "ada", lines: [Standard.line(Standard.cable, 0)]),
            error: .invalidRequest(.quantityOutOfRange(product: Standard.cable, quantity: 0))),
        Refusal(
            name: "a negative quantity", request: OrderRequest(id: "o", customer: "ada", lines: [Standard.line(Standard.cable, -2)]),
            error: .invalidRequest(.quantityOutOfRange(product: Standard.cable, quantity: -2))),
        Refusal(
            name: "a quantity above the maximum",
            request: OrderRequest(id: "o", customer: "ada", lines: [Standard.line(Standard.cable, OrderLine.maximumQuantity + 1)]),
            error: .invalidRequest(.quantityOutOfRange(product: Standard.cable, quantity: OrderLine.maximumQuantity + 1))),
        Refusal(
            name: "the first bad quantity is the one named",
            request: OrderRequest(
                id: "o", customer: "ada", lines: [Standard.line(Standard.cable, 1), Standard.line(Standard.monitor, 0), Standard.line(Standard.keyboard, -1)]),
            error: .invalidRequest(.quantityOutOfRange(product: Standard.monitor, quantity: 0))),
        Refusal(
            name: "a blank id is reported before missing lines", request: OrderRequest(id: "", customer: "ada", lines: []),
            error: .invalidRequest(.blankOrderID)),
        Refusal(
            name: "a malformed request is refused even for an unknown customer",
            request: OrderRequest(id: "o", customer: "mallory", lines: [Standard.line("SKU-NOPE", 0)]),
            error: .invalidRequest(.quantityOutOfRange(product: "SKU-NOPE", quantity: 0))),
    ]

    @Test("a malformed request is refused before the database is touched", arguments: Grading.implementations, malformedRequests)
    func malformed(_ implementation: Implementation, _ refusal: Refusal) throws {
        let shop = try Fixture()
        let counting = FaultInjectingDatabase(wrapping: shop.database)
        let outcome = try implementation.place(refusal.request, in: counting)
        #expect(
            outcome == .refused(refusal.error),
            "rule broken: \(refusal.name) is malformed\n  expected: \(Outcome.refused(refusal.error))\n  yours:    \(outcome)\n  input:    \(refusal.request)")
        #expect(
            counting.trace.isEmpty || outcome != .refused(refusal.error),
            "rule broken: a malformed request is refused before any statement runs\n  input: \(refusal.request)\n  these ran: \(counting.trace)")
        try shop.expectUnchanged(after: refusal.request)
    }

    @Test("a duplicate order id is refused, and the first order stays as it was", arguments: Grading.implementations)
    func duplicateOrder(_ implementation: Implementation) throws {
        let shop = try Fixture()
        let first = OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.cable, 1)])
        guard case .placed = try implementation.place(first, in: shop.database) else {
            Issue.record("the first order, \(first), should have been placed")
            return
        }
        let afterFirst = try shop.snapshot()
        for again in [
            OrderRequest(id: "order-1", customer: "linus", lines: [Standard.line(Standard.keyboard, 1)]),
            OrderRequest(id: "order-1", customer: "mallory", lines: [Standard.line("SKU-NOPE", 1)]),
        ] {
            do {
                let yours = try implementation.place(again, in: shop.database)
                #expect(yours == .refused(.duplicateOrder("order-1")), "on \(again), after \(first) was placed")
            }
            let differences = try shop.snapshot().differences(from: afterFirst)
            #expect(differences.isEmpty, "the duplicate \(again) changed the tables:\n\(differences.joined(separator: "\n"))")
        }
    }

    @Test("after a refusal the same connection places the next order", arguments: Grading.implementations)
    func usableAfterRefusal(_ implementation: Implementation) throws {
        let shop = try Fixture()
        for refusal in Self.refusals {
            _ = try implementation.place(refusal.request, in: shop.database)
        }
        let next = OrderRequest(id: "order-next", customer: "ada", lines: [Standard.line(Standard.cable, 1)])
        let outcome = try implementation.place(next, in: shop.database)
        #expect(
            outcome
                == .placed(
                    OrderReceipt(
                        order: "order-next", customer: "ada", lines: [PricedLine(product: Standard.cable, quantity: 1, unitPrice: 1_250)], total: 1_250)),
            "on \(next), after \(Self.refusals.count) refused orders on the same connection")
    }
}
