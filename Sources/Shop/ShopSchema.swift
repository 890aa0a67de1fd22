import Database

/// The shop's tables, in SQL that SQLite and PostgreSQL both accept.
///
/// Money columns hold integer cents; a price is at most $1,000,000, so that no order total can
/// overflow. The CHECK constraints are the last line of defence, not
/// the business rules: an order that would oversell must be refused by the code with a clear
/// error before the database has to refuse it.
public enum ShopSchema {
    /// The tables in dependency order.
    public static let tables = ["customers", "products", "orders", "order_lines"]

    static let create = """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0)
        );
        CREATE TABLE products (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            price_cents BIGINT NOT NULL CHECK (price_cents > 0 AND price_cents <= 100000000),
            stock BIGINT NOT NULL CHECK (stock >= 0)
        );
        CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            total_cents BIGINT NOT NULL CHECK (total_cents >= 0)
        );
        CREATE TABLE order_lines (
            order_id TEXT NOT NULL REFERENCES orders (id),
            line_number BIGINT NOT NULL,
            product_id TEXT NOT NULL REFERENCES products (id),
            quantity BIGINT NOT NULL CHECK (quantity > 0),
            unit_price_cents BIGINT NOT NULL,
            PRIMARY KEY (order_id, line_number)
        );
        """

    /// Drops the shop's tables if a lesson made them and creates them empty; refuses, with
    /// ``ForeignTablesError``, when a table of the same name was made by someone else.
    public static func recreate(on database: any Database) throws {
        try LessonTables.recreate(tables.reversed(), on: database, create: create)
    }
}
