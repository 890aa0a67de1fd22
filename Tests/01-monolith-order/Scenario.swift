import MonolithOrderKit
import PropertyBased
import Shop

/// A generated shop and a sequence of requests against it, small enough to read when shrunk.
///
/// Indices past the end of the catalog or the customer list become unknown ids; quantity 11 is
/// the maximum and 12 one above it; stock 10 is plenty (5,000); order numbers 4 and 5 are blank
/// ids (a space, a newline), 6 and 7 ids that only look odd (" o1" is not "o1"; "ö-1"), so that
/// every rule of the contract is exercised on both sides of its edges.
struct Scenario: Sendable, CustomStringConvertible {
    let seed: ShopSeed
    let requests: [OrderRequest]

    var description: String {
        let products = seed.products.map { "\($0.id) \($0.price) ×\($0.stock)" }.joined(separator: ", ")
        let customers = seed.customers.map { "\($0.id) \($0.balance)" }.joined(separator: ", ")
        let lines = requests.enumerated().map { "  #\($0.offset + 1) \($0.element)" }.joined(separator: "\n")
        return "catalog: \(products)\ncustomers: \(customers)\nrequests:\n\(lines)"
    }

    static let orderIDs = ["o0", "o1", "o2", "o3", " ", "\n", " o1", "ö-1"]

    static let generator = zip(
        zip(Gen.int(in: 1...5_000), Gen.int(in: 0...10)).array(of: 1...4),
        Gen.int(in: 0...20_000).array(of: 1...3),
        zip(Gen.int(in: 0...7), Gen.int(in: 0...3), zip(Gen.int(in: 0...5), Gen.int(in: -1...12)).array(of: 0...3)).array(of: 1...8)
    ).map { catalog, balances, requests in
        Scenario(
            seed: ShopSeed(
                customers: balances.enumerated().map { Customer(id: CustomerID("c\($0.offset)"), name: "C\($0.offset)", balance: Cents($0.element)) },
                products: catalog.enumerated().map {
                    Product(id: ProductID("p\($0.offset)"), name: "P\($0.offset)", price: Cents($0.element.0), stock: $0.element.1 == 10 ? 5_000 : $0.element.1)
                }),
            requests: requests.map { order, customer, lines in
                OrderRequest(
                    id: OrderID(Self.orderIDs[order]), customer: CustomerID("c\(customer)"),
                    lines: lines.map {
                        OrderLine(
                            product: ProductID("p\($0.0)"), quantity: $0.1 == 12 ? OrderLine.maximumQuantity + 1 : $0.1 == 11 ? OrderLine.maximumQuantity : $0.1
                        )
                    })
            })
    }
}
