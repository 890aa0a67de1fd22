// Mistake: runs CREATE TABLE every time: a second migration fails
import Database
import SchemaPerModuleKit
import Shop

/// Creates billing's tables — in billing's own schema and nowhere else — and is safe to run again.
///
/// Billing keeps its customers (one per registered user, by user id) and their charges (id,
/// user, amount in cents). Name every table `billing.<name>`. References stay inside billing:
/// a charge may reference billing's customer, never `auth.users` — there are no cross-schema
/// foreign keys, and the database refuses any statement that touches another module's schema.
/// `Migrations.apply(_:module:on:)` records which steps already ran, if you want it.
///
/// - Parameter billing: billing's own connection.
public func migrateBilling(_ billing: any Database) throws {
    for step in [
        "CREATE TABLE billing.customers (user_id TEXT PRIMARY KEY)",
        """
        CREATE TABLE billing.charges (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES customers (user_id),
            amount_cents BIGINT NOT NULL CHECK (amount_cents > 0)
        )
        """,
    ] { try billing.executeScript(step) }
}

/// Billing's reaction to auth's "user registered": creates the billing customer for that user.
/// The same event twice creates one customer (events arrive at least once).
///
/// - Parameters:
///   - event: what auth published.
///   - billing: billing's own connection.
public func handleUserRegistered(_ event: UserRegistered, in billing: any Database) throws {
    try billing.execute(
        "INSERT INTO billing.customers (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING", .text(event.user.rawValue))
}

/// Records a charge to a billing customer.
///
/// Checked in this order: the amount is positive (`BillingError.invalidAmount`, before touching
/// the database); billing has a customer for the user (`BillingError.unknownCustomer`); no charge
/// with this id exists (`BillingError.duplicateCharge`). A refused charge changes nothing.
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

/// The invoice summary of one user, or `nil` when billing has no customer for them.
///
/// Counts and sums the user's charges from billing's own tables, and asks auth's public API for
/// the e-mail address at the time of the summary — never auth's tables, never a copy that could
/// be stale.
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
    let charges = try totals.first?.int("charges") ?? 0
    let total = try totals.first?.int("total") ?? 0
    return InvoiceSummary(user: user, email: try auth.email(of: user) ?? "", charges: charges, total: Cents(total))
}
