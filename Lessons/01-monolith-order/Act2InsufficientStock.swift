import Database
import MonolithOrderKit
import Shop

/// Act 2: the second line cannot be reserved after the first was; everything rolls back.
func actInsufficientStock(_ stage: Stage) throws {
    let request = OrderRequest(
        id: "order-2001", customer: "linus",
        lines: [OrderLine(product: "SKU-USB-CABLE-C", quantity: 3), OrderLine(product: "SKU-KEYBOARD-K7", quantity: 5)])
    let run = try stage.placeTraced(request)
    stage.noticeUnchanged(
        run.before, run.after,
        "the cables were reserved first, then the keyboards could not be; the rollback gave the cables back.")
}
