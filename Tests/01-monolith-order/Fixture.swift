import Database
import MonolithOrderKit
import Shop
import Testing

/// A fresh in-memory shop for one check.
struct Fixture {
    let database: any Database
    let before: ShopSnapshot

    /// A new shop holding `seed`: in memory by default, or in a scratch schema on PostgreSQL.
    init(_ seed: ShopSeed = .standard, on location: DatabaseLocation = .sqlite(path: ":memory:")) throws {
        let database = try location.openScratch()
        try seed.install(on: database)
        self.database = database
        before = try ShopSnapshot(of: database)
    }

    /// The tables now.
    func snapshot() throws -> ShopSnapshot { try ShopSnapshot(of: database) }

    /// Records a failure unless every table holds exactly what it held before the check.
    func expectUnchanged(after request: OrderRequest, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let differences = try snapshot().differences(from: before)
        #expect(
            differences.isEmpty,
            "the database changed although \(request) was refused:\n\(differences.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        #expect(!database.isInTransaction, "a transaction was left open after \(request)", sourceLocation: sourceLocation)
    }
}

extension ShopSnapshot {
    /// What the tables must hold after `receipt` was placed on top of `self`.
    func placing(_ receipt: OrderReceipt) -> ShopSnapshot {
        var next = self
        next.customers = Set(
            customers.map { customer in
                customer.id == receipt.customer
                    ? Customer(id: customer.id, name: customer.name, balance: customer.balance - receipt.total) : customer
            })
        next.products = Set(
            products.map { product in
                let sold = receipt.lines.filter { $0.product == product.id }.map(\.quantity).reduce(0, +)
                return Product(id: product.id, name: product.name, price: product.price, stock: product.stock - sold)
            })
        next.orders.insert(OrderRecord(id: receipt.order, customer: receipt.customer, total: receipt.total))
        for (index, line) in receipt.lines.enumerated() {
            next.lines.insert(
                OrderLineRecord(
                    order: receipt.order, lineNumber: index + 1, product: line.product, quantity: line.quantity, unitPrice: line.unitPrice))
        }
        return next
    }
}

/// Shorthand for the standard shop's products and customers.
enum Standard {
    static let headphones: ProductID = "SKU-HEADPHONES-XZ3"
    static let cable: ProductID = "SKU-USB-CABLE-C"
    static let keyboard: ProductID = "SKU-KEYBOARD-K7"
    static let monitor: ProductID = "SKU-MONITOR-27"

    static func line(_ product: ProductID, _ quantity: Int) -> OrderLine {
        OrderLine(product: product, quantity: quantity)
    }
}
