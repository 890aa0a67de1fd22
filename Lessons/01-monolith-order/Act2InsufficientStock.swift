import Database
import MonolithOrderKit
import Shop

/// Act 2: the second line cannot be reserved after the first was; everything rolls back.
func actInsufficientStock(_ stage: Stage) throws {
    let database = try stage.freshShop()
    let before = try ShopSnapshot(of: database)
    let request = OrderRequest(
        id: "order-2001", customer: "linus",
        lines: [OrderLine(product: "SKU-USB-CABLE-C", quantity: 3), OrderLine(product: "SKU-KEYBOARD-K7", quantity: 5)])
    let tracer = FaultInjectingDatabase(wrapping: database)
    try stage.place(request, in: tracer)
    stage.compare(before, try ShopSnapshot(of: database), customers: ["linus"], products: request.lines.map(\.product))
    stage.showTrace(tracer)
    stage.noticeUnchanged(before, try ShopSnapshot(of: database),
        "the cables were reserved first, then the keyboards could not be; the rollback gave the cables back.")
}

extension Stage {
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
