import Database
import MonolithOrderKit
import Shop

/// Act 4: the database fails on the statement that records the order, after the stock was
/// reserved and the customer charged: with a transaction, and then without one.
func actFailureHalfWay(_ stage: Stage) throws {
    let narrator = stage.narrator
    let request = OrderRequest(
        id: "order-4001", customer: "ada",
        lines: [OrderLine(product: "SKU-KEYBOARD-K7", quantity: 1), OrderLine(product: "SKU-USB-CABLE-C", quantity: 1)])

    // A dry run on a scratch shop finds which statement records the order in this implementation.
    let scratch = FaultInjectingDatabase(wrapping: try stage.freshShop())
    _ = try? stage.placeOrder(request, scratch)
    let target = recordingStatement(in: scratch.trace, count: scratch.statementCount)

    narrator.step("With a transaction: statement \(target) of \(scratch.statementCount) fails (the INSERT of the order).")
    let database = try stage.freshShop()
    let before = try ShopSnapshot(of: database)
    do {
        _ = try stage.placeOrder(request, FaultInjectingDatabase(wrapping: database, failingStatement: target))
        narrator.failed("placeOrder returned normally although a statement failed")
    } catch {
        narrator.ok("placeOrder threw: \(error)")
    }
    stage.compare(before, try ShopSnapshot(of: database), customers: ["ada"], products: request.lines.map(\.product))
    stage.noticeUnchanged(
        before, try ShopSnapshot(of: database),
        "the stock reservation and the charge had already run; the rollback undid both.")

    narrator.step(
        "Without a transaction (autocommit: each statement commits on its own), the same failure — the INSERT of the order fails; the source's checkout gets there in fewer statements (no BEGIN, no price reads):"
    )
    let lines: [SeedStyleCheckout.ClientLine] = [
        .init(product: "SKU-KEYBOARD-K7", quantity: 1, unitPrice: 8_900),
        .init(product: "SKU-USB-CABLE-C", quantity: 1, unitPrice: 1_250),
    ]
    let autocommit = { (database: any Database) throws -> Cents? in
        try SeedStyleCheckout(database: database, inTransaction: false).placeOrder(id: request.id, customer: request.customer, lines: lines)
    }
    let unsafeScratch = FaultInjectingDatabase(wrapping: try stage.freshShop())
    _ = try? autocommit(unsafeScratch)
    let failing = try stage.freshShop()
    let failingBefore = try ShopSnapshot(of: failing)
    do {
        let target = recordingStatement(in: unsafeScratch.trace, count: unsafeScratch.statementCount)
        _ = try autocommit(FaultInjectingDatabase(wrapping: failing, failingStatement: target))
        narrator.failed("the autocommit checkout returned normally although a statement failed")
    } catch {
        // Throwing is no achievement here: what matters is what it left behind, below.
        narrator.say("The autocommit checkout threw: \(error)")
    }
    let after = try ShopSnapshot(of: failing)
    stage.compare(failingBefore, after, customers: ["ada"], products: request.lines.map(\.product))
    let audit = ShopAudit.violations(from: failingBefore, to: after)
    if audit.isEmpty {
        narrator.ok("the books balance")
    } else {
        audit.forEach { narrator.failed("audit: \($0)") }
        narrator.notice("ada paid and two items left the shelf, but there is no order: nobody will ship it, and nothing in the database says why.")
    }
}

/// The position of the first statement that inserts into `orders`; the middle one if none does.
private func recordingStatement(in trace: [String], count: Int) -> Int {
    let statements = trace.filter { $0 != "ROLLBACK" }
    if let index = statements.firstIndex(where: { $0.lowercased().contains("insert into orders") }) { return index + 1 }
    return max(1, count / 2)
}
