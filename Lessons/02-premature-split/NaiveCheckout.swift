import Foundation
import PrematureSplitKit
import ServiceKit
import Shop

/// What the customer was told.
enum NaiveResult {
    case toldSuccess
    case toldFailure(String)
}

/// The first version anyone writes after the split: call inventory, then payments, then orders,
/// as the monolith's function did. A 200 means success (the body is not read); a 5xx or no
/// answer is retried once, with no idempotency key; nothing already done is ever undone.
func naiveCheckout(_ order: SplitOrder, on shop: SplitShop) async -> NaiveResult {
    let prices = Dictionary(uniqueKeysWithValues: ShopSeed.standard.products.map { ($0.id.rawValue, $0.price.value) })
    let total = order.lines.reduce(0) { $0 + (prices[$1.productID] ?? 0) * $1.quantity }
    let calls: [(ServiceName, String, Data)] = [
        (.inventory, "reserve", JSON.encode(ReserveStock(orderID: order.orderID, lines: order.lines))),
        (.payments, "charge", JSON.encode(ChargeCustomer(orderID: order.orderID, customerID: order.customerID, amountCents: total))),
        (.orders, "record", JSON.encode(RecordOrder(orderID: order.orderID, customerID: order.customerID, totalCents: total, reservationID: "unknown"))),
    ]
    for (service, operation, body) in calls {
        var status = await post(shop, service, operation, body)
        if status == nil || status! >= 500 {
            status = await post(shop, service, operation, body)
        }
        guard status == 200 else { return .toldFailure("\(service).\(operation) answered \(status.map(String.init) ?? "nothing")") }
    }
    return .toldSuccess
}

private func post(_ shop: SplitShop, _ service: ServiceName, _ operation: String, _ body: Data) async -> Int? {
    try? await shop.caller(service).post(operation, idempotencyKey: nil, body: body).status
}
