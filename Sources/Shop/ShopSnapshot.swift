import Database

/// Everything the shop's tables hold at one moment, as sets: two snapshots are equal when the
/// tables hold the same rows, whatever order they were inserted or read in.
public struct ShopSnapshot: Sendable, Hashable {
    public var customers: Set<Customer>
    public var products: Set<Product>
    public var orders: Set<OrderRecord>
    public var lines: Set<OrderLineRecord>

    /// What the tables hold right after `seed` is installed: its customers and products, no orders.
    public init(seed: ShopSeed) {
        customers = Set(seed.customers)
        products = Set(seed.products)
        orders = []
        lines = []
    }

    /// Reads the four tables.
    public init(of database: any Database) throws {
        customers = Set(
            try database.query("SELECT id, name, balance_cents FROM customers").map { row in
                Customer(id: CustomerID(try row.string("id")), name: try row.string("name"), balance: Cents(try row.int("balance_cents")))
            })
        products = Set(
            try database.query("SELECT id, name, price_cents, stock FROM products").map { row in
                Product(
                    id: ProductID(try row.string("id")), name: try row.string("name"),
                    price: Cents(try row.int("price_cents")), stock: try row.int("stock"))
            })
        orders = Set(
            try database.query("SELECT id, customer_id, total_cents FROM orders").map { row in
                OrderRecord(
                    id: OrderID(try row.string("id")), customer: CustomerID(try row.string("customer_id")),
                    total: Cents(try row.int("total_cents")))
            })
        lines = Set(
            try database.query("SELECT order_id, line_number, product_id, quantity, unit_price_cents FROM order_lines").map { row in
                OrderLineRecord(
                    order: OrderID(try row.string("order_id")), lineNumber: try row.int("line_number"),
                    product: ProductID(try row.string("product_id")), quantity: try row.int("quantity"),
                    unitPrice: Cents(try row.int("unit_price_cents")))
            })
    }

    /// A customer's balance, or `nil` for an unknown customer.
    public func balance(of customer: CustomerID) -> Cents? {
        customers.first { $0.id == customer }?.balance
    }

    /// A product's stock, or `nil` for an unknown product.
    public func stock(of product: ProductID) -> Int? {
        products.first { $0.id == product }?.stock
    }

    /// What differs from `other`, one line per changed row, for test failures and narration.
    public func differences(from other: ShopSnapshot) -> [String] {
        func compare<Row: Hashable>(_ table: String, _ mine: Set<Row>, _ theirs: Set<Row>) -> [String] {
            mine.subtracting(theirs).map { "\(table): only after: \($0)" }.sorted()
                + theirs.subtracting(mine).map { "\(table): only before: \($0)" }.sorted()
        }
        return compare("customers", customers, other.customers) + compare("products", products, other.products)
            + compare("orders", orders, other.orders) + compare("order_lines", lines, other.lines)
    }
}
