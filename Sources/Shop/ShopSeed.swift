import Database

/// Starting data for the shop: who its customers are and what it sells.
public struct ShopSeed: Sendable, Hashable {
    public var customers: [Customer]
    public var products: [Product]

    public init(customers: [Customer], products: [Product]) {
        self.customers = customers
        self.products = products
    }

    /// The small shop every lesson starts from.
    public static let standard = ShopSeed(
        customers: [
            Customer(id: "ada", name: "Ada Lovelace", balance: 50_000),
            Customer(id: "grace", name: "Grace Hopper", balance: 4_000),
            Customer(id: "linus", name: "Linus Torvalds", balance: 120_000),
        ],
        products: [
            Product(id: "SKU-HEADPHONES-XZ3", name: "Headphones XZ3", price: 14_999, stock: 5),
            Product(id: "SKU-USB-CABLE-C", name: "USB-C cable", price: 1_250, stock: 40),
            Product(id: "SKU-KEYBOARD-K7", name: "Mechanical keyboard K7", price: 8_900, stock: 2),
            Product(id: "SKU-MONITOR-27", name: "27-inch monitor", price: 32_900, stock: 3),
        ])

    /// Recreates the shop's tables and fills them with this seed, in one transaction.
    public func install(on database: any Database) throws {
        try ShopSchema.recreate(on: database)
        try database.transaction {
            for customer in customers {
                try database.execute(
                    "INSERT INTO customers (id, name, balance_cents) VALUES ($1, $2, $3)",
                    .text(customer.id.rawValue), .text(customer.name), .int(customer.balance.value))
            }
            for product in products {
                try database.execute(
                    "INSERT INTO products (id, name, price_cents, stock) VALUES ($1, $2, $3, $4)",
                    .text(product.id.rawValue), .text(product.name), .int(product.price.value), .int(product.stock))
            }
        }
    }
}
