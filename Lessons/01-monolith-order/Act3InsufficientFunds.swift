import Database
import MonolithOrderKit
import Shop

/// Act 3: all the stock is reserved, then the charge fails; the stock goes back.
func actInsufficientFunds(_ stage: Stage) throws {
    let request = OrderRequest(
        id: "order-3001", customer: "grace",
        lines: [OrderLine(product: "SKU-MONITOR-27", quantity: 1), OrderLine(product: "SKU-USB-CABLE-C", quantity: 1)])
    let run = try stage.placeTraced(request)
    stage.noticeUnchanged(
        run.before, run.after,
        "no compensation code un-reserved the stock: ROLLBACK did. Split across services, this is a refund and a support ticket (lesson 02).")
}
