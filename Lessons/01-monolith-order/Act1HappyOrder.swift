import Database
import MonolithOrderKit
import Shop

/// Act 1: reserve, charge and record in one transaction — and why the price is the catalog's.
func actHappyOrder(_ stage: Stage) throws {
    let narrator = stage.narrator
    let request = OrderRequest(
        id: "order-1001", customer: "ada",
        lines: [OrderLine(product: "SKU-HEADPHONES-XZ3", quantity: 1), OrderLine(product: "SKU-USB-CABLE-C", quantity: 2)])
    let run = try stage.placeTraced(request)
    narrator.notice("\(run.statements) statements from BEGIN to COMMIT on one connection: stock, money and the order change together or not at all.")

    narrator.step("The source material's checkout takes each line's unit price from the client. A client sends $0.01 for the headphones:")
    let foil = try stage.freshShop()
    let charged = try SeedStyleCheckout(database: foil, inTransaction: true).placeOrder(
        id: "order-1002", customer: "ada", lines: [.init(product: "SKU-HEADPHONES-XZ3", quantity: 1, unitPrice: 1)])
    let catalogPrice = try ShopSnapshot(of: foil).products.first { $0.id == "SKU-HEADPHONES-XZ3" }?.price ?? .zero
    narrator.failed("client-priced checkout charged \(charged ?? .zero) for headphones the catalog sells at \(catalogPrice)")
    narrator.notice(
        "OrderRequest has no price field at all: placeOrder reads products.price_cents inside the transaction, so the client cannot choose what it pays.")
}
