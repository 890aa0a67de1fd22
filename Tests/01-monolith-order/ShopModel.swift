import MonolithOrderKit
import Shop

/// The contract of `placeOrder` as plain Swift over in-memory tables: an independent oracle
/// that checks the reference solution, which in turn checks the student's.
struct ShopModel {
    var snapshot: ShopSnapshot

    init(_ seed: ShopSeed) {
        snapshot = ShopSnapshot(seed: seed)
    }

    mutating func place(_ request: OrderRequest) -> Outcome {
        if request.id.rawValue.allSatisfy(\.isWhitespace) { return .refused(.invalidRequest(.blankOrderID)) }
        if request.lines.isEmpty { return .refused(.invalidRequest(.noLines)) }
        if let bad = request.lines.first(where: { $0.quantity < 1 || $0.quantity > OrderLine.maximumQuantity }) {
            return .refused(.invalidRequest(.quantityOutOfRange(product: bad.product, quantity: bad.quantity)))
        }
        if snapshot.orders.contains(where: { $0.id == request.id }) { return .refused(.duplicateOrder(request.id)) }
        guard let balance = snapshot.balance(of: request.customer) else { return .refused(.unknownCustomer(request.customer)) }
        var stock: [ProductID: Int] = [:]
        var priced: [PricedLine] = []
        for line in request.lines {
            guard let product = snapshot.products.first(where: { $0.id == line.product }) else {
                return .refused(.unknownProduct(line.product))
            }
            stock[product.id] = product.stock
            priced.append(PricedLine(product: line.product, quantity: line.quantity, unitPrice: product.price))
        }
        for line in priced {
            let available = stock[line.product]!
            if available < line.quantity {
                return .refused(.insufficientStock(product: line.product, requested: line.quantity, available: available))
            }
            stock[line.product] = available - line.quantity
        }
        let total = priced.reduce(Cents.zero) { sum, line in sum + line.lineTotal }
        if balance < total { return .refused(.insufficientFunds(customer: request.customer, balance: balance, total: total)) }
        let receipt = OrderReceipt(order: request.id, customer: request.customer, lines: priced, total: total)
        snapshot = snapshot.placing(receipt)
        return .placed(receipt)
    }
}
