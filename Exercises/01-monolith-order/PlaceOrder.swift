import Database
import MonolithOrderKit
import Shop
import WorkbookKit

/// Places an order: reserves the stock of every line, charges the customer and records the order
/// with its lines — all in one database transaction, so that either all of it happens or none.
///
/// The rules, checked in this order (the first broken one is the error thrown):
/// 1. The request is well formed, checked before touching the database:
///    the order id is not blank, there is at least one line, and every quantity is within
///    1…``OrderLine/maximumQuantity`` → ``OrderError/invalidRequest(_:)``.
/// 2. No order with this id exists → ``OrderError/duplicateOrder(_:)``.
/// 3. The customer exists → ``OrderError/unknownCustomer(_:)``.
/// 4. Every product exists → ``OrderError/unknownProduct(_:)`` naming the first unknown one.
/// 5. Each line, in order, reserves its quantity from the product's stock (the same product may
///    appear on several lines) → ``OrderError/insufficientStock(product:requested:available:)``.
/// 6. The customer's balance covers the total → ``OrderError/insufficientFunds(customer:balance:total:)``.
///
/// Every unit price comes from the catalog (`products.price_cents`), never from the request.
/// A successful order leaves: each product's stock lowered by its quantities, the customer's
/// balance lowered by the total, one `orders` row and one `order_lines` row per request line
/// (numbered from 1 in request order, with the unit price charged). A failure of any kind —
/// including the database failing on any statement — leaves the database exactly as it was,
/// and a database failure is thrown as ``OrderError/database(_:)``.
///
/// The same code runs on SQLite and PostgreSQL: bind values as `$1`, `$2`, … and write SQL both
/// accept (`UPDATE … SET stock = stock - $1 WHERE id = $2 AND stock >= $1` does; SQLite-only forms
/// such as `INSERT OR IGNORE` do not). Another checkout may change the stock or the balance between
/// your reads and your writes, or place an order with the same id: decide in the statement that
/// writes (its `WHERE`), never in Swift from a value read earlier — not even one read with
/// `SELECT … FOR UPDATE` or under SQLite's write lock, which protect one engine each. The checks
/// run that other checkout between your reads and your writes, inside your transaction.
///
/// - Parameters:
///   - request: what the client asked for.
///   - database: the shop's database (see `ShopSchema` for its tables).
/// - Returns: the receipt: the lines priced from the catalog, in request order, and the total.
/// - Throws: ``OrderError``.
public func placeOrder(_ request: OrderRequest, in database: any Database) throws -> OrderReceipt {
    // TODO: 1. Check the request's shape before touching the database (blank id, no lines,
    //          quantities out of range) and throw OrderError.invalidRequest.
    // TODO: 2. Open a transaction with `database.transaction { … }`: it commits when the
    //          closure returns and rolls back when it throws.
    // TODO: 3. Inside it: refuse a duplicate order id, an unknown customer, an unknown product.
    // TODO: 4. Price every line from `products.price_cents` — never from the request.
    // TODO: 5. Reserve each line's stock with one conditional UPDATE (… AND stock >= $1) and
    //          look at how many rows it changed; checking first and updating later is a race.
    // TODO: 6. Charge the customer the total the same way, then insert the order and its lines.
    // TODO: 7. Turn a DatabaseError into OrderError.database so that callers see one error type.
    throw NotAttempted(function: "placeOrder(_:in:)", file: "Exercises/01-monolith-order/PlaceOrder.swift")
}
