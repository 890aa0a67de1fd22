// Mistake: swallows every error of the handler with try?: a failed insert is never delivered again
import Database
import SchemaPerModuleKit
import Shop

/// Creates billing's tables — in billing's own schema and nowhere else — and is safe to run again:
/// a second run, after customers and charges exist, changes nothing and loses nothing.
///
/// Billing keeps its customers (one per registered user, by user id) and their charges (id,
/// user, amount in cents). Name every table `billing.<name>`. References stay inside billing:
/// a charge may reference billing's customer, never `auth.users` — there are no cross-schema
/// foreign keys, and the database refuses any statement that touches another module's schema.
/// `Migrations.apply(_:module:on:)` records which steps already ran, if you want it. Every
/// statement must work on SQLite and on PostgreSQL (`BIGINT`, `TEXT`, `ON CONFLICT … DO NOTHING`
/// do; `INSERT OR IGNORE` and `AUTOINCREMENT` are SQLite's own).
///
/// - Parameter billing: billing's own connection.
public func migrateBilling(_ billing: any Database) throws {
    try Migrations.apply(
        [
            "CREATE TABLE billing.customers (user_id TEXT PRIMARY KEY)",
            """
            CREATE TABLE billing.charges (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES customers (user_id),
                amount_cents BIGINT NOT NULL CHECK (amount_cents > 0)
            )
            """,
        ], module: .billing, on: billing)
}

/// Billing's reaction to auth's "user registered": creates the billing customer for that user.
/// The same event twice creates one customer (events arrive at least once), also when the two
/// deliveries overlap: let the insert itself skip an existing customer (`ON CONFLICT … DO
/// NOTHING`) rather than look first and insert after. When the database fails, its
/// `DatabaseError` is thrown as it is, so that the bus delivers the event again.
///
/// - Parameters:
///   - event: what auth published.
///   - billing: billing's own connection.
public func handleUserRegistered(_ event: UserRegistered, in billing: any Database) throws {
    _ = try? billing.execute(
        "INSERT INTO billing.customers (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING", .text(event.user.rawValue))
}

/// Records a charge to a billing customer.
///
/// Checked in this order: the amount is positive (`BillingError.invalidAmount`, before touching
/// the database); billing has a customer for the user (`BillingError.unknownCustomer`); no charge
/// with this id exists (`BillingError.duplicateCharge`). A refused charge changes nothing. When
/// the database fails, its `DatabaseError` is thrown as it is — never read as a `BillingError` —
/// and nothing changes either. Charge ids are unique across all customers: `c1` charged to one
/// user is a duplicate when another user's charge is `c1` too.
///
/// - Parameters:
///   - charge: the charge.
///   - billing: billing's own connection.
public func recordCharge(_ charge: Charge, in billing: any Database) throws {
    guard charge.amount > .zero else { throw BillingError.invalidAmount(charge.amount) }
    try billing.transaction {
        if try billing.query("SELECT user_id FROM billing.customers WHERE user_id = $1", .text(charge.user.rawValue)).isEmpty {
            throw BillingError.unknownCustomer(charge.user)
        }
        if try !billing.query("SELECT id FROM billing.charges WHERE id = $1", .text(charge.id)).isEmpty {
            throw BillingError.duplicateCharge(charge.id)
        }
        try billing.execute(
            "INSERT INTO billing.charges (id, user_id, amount_cents) VALUES ($1, $2, $3)",
            .text(charge.id), .text(charge.user.rawValue), .int(charge.amount.value))
    }
}

/// The invoice summary of one user, or `nil` when billing has no customer for them — whatever
/// auth knows: auth may have registered a user whose event billing has not handled yet.
///
/// Counts and sums the user's charges from billing's own tables, and asks auth's public API for
/// the e-mail address at the time of the summary — never auth's tables, never a copy that could
/// be stale. When auth has no address for a billing customer, the summary's address is empty.
/// An error from billing's database or from auth's API is thrown as it is — never turned into
/// an empty address, a `nil` summary or zero charges.
///
/// - Parameters:
///   - user: whose invoice.
///   - billing: billing's own connection.
///   - auth: auth's public API.
public func invoiceSummary(for user: UserID, in billing: any Database, auth: any AuthAPI) throws -> InvoiceSummary? {
    let customer = try billing.query("SELECT user_id FROM billing.customers WHERE user_id = $1", .text(user.rawValue))
    guard !customer.isEmpty else { return nil }
    let totals = try billing.query(
        "SELECT COUNT(*) AS charges, COALESCE(SUM(amount_cents), 0) AS total FROM billing.charges WHERE user_id = $1",
        .text(user.rawValue))
    // An aggregate without GROUP BY always answers exactly one row.
    let charges = try totals[0].int("charges")
    let total = try totals[0].int("total")
    return InvoiceSummary(user: user, email: try auth.email(of: user) ?? "", charges: charges, total: Cents(total))
}
