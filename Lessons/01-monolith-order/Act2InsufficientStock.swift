import Database
import MonolithOrderKit
import Shop

/// Act 2: the second line cannot be reserved after the first was; everything rolls back.
func actInsufficientStock(_ stage: Stage) throws {
    let request = OrderRequest(
        id: "order-2001", customer: "linus",
        lines: [OrderLine(product: "SKU-USB-CABLE-C", quantity: 3), OrderLine(product: "SKU-KEYBOARD-K7", quantity: 5)])
    let run = try stage.placeTraced(request)
    stage.noticeUnchanged(run.before, run.after,
        "the cables were reserved first, then the keyboards could not be; the rollback gave the cables back.")
}

extension Stage {
    /// Places `request` on a fresh standard shop through a tracer, then shows the rows it is
    /// about before and after, and every statement it ran.
    func placeTraced(_ request: OrderRequest) throws -> (before: ShopSnapshot, after: ShopSnapshot, statements: Int) {
        let database = try freshShop()
        let before = try ShopSnapshot(of: database)
        let tracer = FaultInjectingDatabase(wrapping: database)
        try place(request, in: tracer)
        let after = try ShopSnapshot(of: database)
        compare(before, after, customers: [request.customer], products: request.lines.map(\.product))
        showTrace(tracer)
        return (before, after, tracer.statementCount)
    }

    /// Prints the statements a traced call ran, one per line.
    func showTrace(_ tracer: FaultInjectingDatabase) {
        narrator.say("What ran:")
        for statement in tracer.trace {
            narrator.say("    " + statement.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }

    /// Says whether the tables are as they were, and what that means.
    func noticeUnchanged(_ before: ShopSnapshot, _ after: ShopSnapshot, _ meaning: String) {
        let differences = after.differences(from: before)
        if differences.isEmpty {
            narrator.ok("every table is exactly as it was before the call")
            narrator.notice(meaning)
        } else {
            narrator.failed("the tables changed although the order was refused:")
            differences.forEach { narrator.say("    \($0)") }
        }
    }
}
