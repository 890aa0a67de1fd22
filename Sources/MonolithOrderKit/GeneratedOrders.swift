import Shop
import WorkbookKit

/// Generated shops and orders for measurements: the same seed gives the same run.
public enum GeneratedOrders {
    /// A shop big enough that most orders succeed and some run out of stock or money.
    public static func shop(_ random: inout SeededRandom) -> ShopSeed {
        ShopSeed(
            customers: (1...200).map {
                Customer(id: CustomerID("customer-\($0)"), name: "Customer \($0)", balance: Cents(Int.random(in: 20_000...1_000_000, using: &random)))
            },
            products: (1...100).map {
                Product(
                    id: ProductID("SKU-\($0)"), name: "Product \($0)", price: Cents(Int.random(in: 99...9_999, using: &random)),
                    stock: Int.random(in: 50...400, using: &random))
            })
    }

    /// One order of one to three lines from `shop`.
    public static func request(number: Int, shop: ShopSeed, _ random: inout SeededRandom) -> OrderRequest {
        let lines = (0..<Int.random(in: 1...3, using: &random)).map { _ in
            OrderLine(product: shop.products.randomElement(using: &random)!.id, quantity: Int.random(in: 1...3, using: &random))
        }
        return OrderRequest(id: OrderID("order-\(number)"), customer: shop.customers.randomElement(using: &random)!.id, lines: lines)
    }
}

/// What a call between two modules of a monolith costs: a function that cannot be inlined.
public enum FunctionCallCost {
    /// The median over five runs of a million calls.
    public static func measure() -> Duration {
        let lines = (1...8).map { PricedLine(product: "SKU-1", quantity: $0, unitPrice: 1_250) }
        var checksum = 0
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<5 {
            let started = clock.now
            // A different line each time, so the optimiser cannot hoist the call out of the loop.
            for index in 0..<1_000_000 { checksum &+= lineTotal(of: lines[index & 7]) }
            samples.append((clock.now - started) / 1_000_000)
        }
        precondition(checksum != 0)
        return samples.sorted()[samples.count / 2]
    }

    @inline(never)
    private static func lineTotal(of line: PricedLine) -> Int {
        line.unitPrice.value * line.quantity
    }
}
