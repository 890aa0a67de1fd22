import Database
import MonolithOrderKit
import Shop
import Testing
import WorkbookKit

/// The race lesson 01 warns about, provoked on purpose: another checkout takes stock or money
/// after the order has read and before it writes. A checkout that decides in Swift from what it
/// read (check, then act) oversells or loses the other checkout's update; one that lets the
/// database decide (`… WHERE stock >= $1`) cannot.
@Suite("Exercise 01 · another checkout gets in between the reads and the writes")
struct RaceChecks {
    struct Race: CustomTestStringConvertible, Sendable {
        let name: String
        let request: OrderRequest
        /// The table the other checkout writes, just before the order first writes it.
        let table: String
        /// What the other checkout does, in SQL, and the same change to the seed for the model.
        let sql: String
        let parameters: [SQLValue]
        let seedAfter: @Sendable (ShopSeed) -> ShopSeed
        var testDescription: String { name }
    }

    static let races: [Race] = [
        Race(
            name: "2 of the 3 monitors are sold after the order read the stock: 1 left for an order of 2",
            request: OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.monitor, 2)]),
            table: "products", sql: "UPDATE products SET stock = stock - 2 WHERE id = $1", parameters: [.text(Standard.monitor.rawValue)],
            seedAfter: { $0.takingStock(2, of: Standard.monitor) }),
        Race(
            name: "1 of the 3 monitors is sold after the order read the stock: the order of 1 leaves 1, not 2",
            request: OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.cable, 1), Standard.line(Standard.monitor, 1)]),
            table: "products", sql: "UPDATE products SET stock = stock - 1 WHERE id = $1", parameters: [.text(Standard.monitor.rawValue)],
            seedAfter: { $0.takingStock(1, of: Standard.monitor) }),
        Race(
            name: "grace is charged $30.00 elsewhere after the order read her $40.00: two cables ($25.00) no longer fit",
            request: OrderRequest(id: "order-1", customer: "grace", lines: [Standard.line(Standard.cable, 2)]),
            table: "customers", sql: "UPDATE customers SET balance_cents = balance_cents - 3000 WHERE id = 'grace'", parameters: [],
            seedAfter: { $0.charging(3_000, to: "grace") }),
        Race(
            name: "ada is charged $10.00 elsewhere after the order read her balance: both charges stand",
            request: OrderRequest(id: "order-1", customer: "ada", lines: [Standard.line(Standard.cable, 1)]),
            table: "customers", sql: "UPDATE customers SET balance_cents = balance_cents - 1000 WHERE id = 'ada'", parameters: [],
            seedAfter: { $0.charging(1_000, to: "ada") }),
    ]

    @Test(
        "the order is decided on the stock and balance as they are when it writes, not as they were when it read",
        arguments: Grading.implementations, races)
    func competingCheckout(_ implementation: Implementation, _ race: Race) throws {
        let shop = try Fixture()
        let competing = CompetingCheckout(wrapping: shop.database, beforeFirstWriteTo: race.table, sql: race.sql, parameters: race.parameters)
        let outcome = try implementation.place(race.request, in: competing.database)
        var model = ShopModel(race.seedAfter(.standard))
        let expected = model.place(race.request)
        guard competing.ranBefore != nil else {
            Issue.record("rule broken: the order must write `\(race.table)`; your code never did on \(race.request) (it \(outcome))")
            return
        }
        // The balance reported after a race is the one read or the one after it; the contract fixes the rest.
        #expect(
            outcome.ignoringReportedBalance == expected.ignoringReportedBalance,
            """
            rule broken: decide with the database (`… WHERE stock >= $1`), not with what you read earlier
              expected: \(expected)
              yours:    \(outcome)
              input:    \(race.request), with another checkout running `\(race.sql)` just before your first write to \(race.table) (`\(competing.ranBefore ?? "")`)
            """)
        // The other checkout ran inside the order's transaction: a refused order takes it back too.
        let tables = expected.error == nil ? model.snapshot : shop.before
        let differences = try shop.snapshot().differences(from: tables)
        #expect(
            differences.isEmpty,
            "rule broken: the tables must hold both checkouts' changes\n  input: \(race.request) with `\(race.sql)` in between\n\(differences.joined(separator: "\n"))"
        )
    }
}

@Suite("Exercise 01 · another checkout places the same order id while yours runs")
struct DuplicateRaceChecks {
    @Test(
        "an order with the same id placed just after your transaction began is a duplicate, found inside the transaction",
        arguments: Grading.implementations)
    func sameIDInBetween(_ implementation: Implementation) throws {
        // A happy order, and one whose customer is unknown: rule 2 comes before rule 3, so once
        // the duplicate exists it is the error, however the order's own write would decide it.
        for customer: CustomerID in ["ada", "nobody"] {
            // The moment: the first statement that runs inside the order's transaction. A duplicate
            // check made before BEGIN has already looked, and found nothing.
            try Self.expectDuplicate(
                implementation, customer: customer,
                rule: "look for a duplicate order id inside the transaction that writes the order, not before it begins",
                unmet: "the order must run in one transaction; no statement of yours ran inside one"
            ) { shop, sql, parameters in
                CompetingCheckout(wrapping: shop, sql: sql, parameters: parameters) { statement, real in
                    real.isInTransaction && statement.uppercased() != "BEGIN"
                }
            }
        }
    }

    @Test(
        "an order with the same id placed just before yours is written is a duplicate, decided by the statement that writes it",
        arguments: Grading.implementations)
    func sameIDBeforeTheWrite(_ implementation: Implementation) throws {
        // The moment: every read is done, the order's own row is not written yet. On PostgreSQL a
        // concurrent checkout can commit exactly there, after any duplicate check that reads.
        try Self.expectDuplicate(
            implementation, customer: "ada",
            rule: "a duplicate order id is decided by the statement that writes the order (no row written is a duplicate), not only by a read before it",
            unmet: "a placed order writes its `orders` row; no statement of yours wrote to orders"
        ) { shop, sql, parameters in
            CompetingCheckout(wrapping: shop, beforeFirstWriteTo: "orders", sql: sql, parameters: parameters)
        }
    }

    /// Places one cable for `customer` as order-1 while the checkout `competitor` makes inserts
    /// grace's own order-1 at its moment: the order must be refused as a duplicate, and the tables
    /// left as they were (the other checkout ran inside the order's transaction, so the refused
    /// order takes it back too). `unmet` says why the moment never came.
    static func expectDuplicate(
        _ implementation: Implementation, customer: CustomerID, rule: String, unmet: String,
        competitor: (any Database, String, [SQLValue]) -> CompetingCheckout
    ) throws {
        let shop = try Fixture()
        let request = OrderRequest(id: "order-1", customer: customer, lines: [Standard.line(Standard.cable, 1)])
        let sql = "INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, 'grace', 1250)"
        let competing = competitor(shop.database, sql, [.text(request.id.rawValue)])
        let outcome = try implementation.place(request, in: competing.database)
        guard let moment = competing.ranBefore else {
            Issue.record("rule broken: \(unmet) on \(request) (it \(outcome))")
            return
        }
        let expected = Outcome.refused(.duplicateOrder(request.id))
        #expect(
            outcome == expected,
            """
            rule broken: \(rule)
              expected: \(expected)
              yours:    \(outcome)
              input:    \(request), with another checkout inserting order \(request.id.rawValue) just before your statement `\(moment)`
            """)
        try shop.expectUnchanged(after: request)
    }
}

extension ShopSeed {
    func takingStock(_ quantity: Int, of product: ProductID) -> ShopSeed {
        var seed = self
        seed.products = products.map { $0.id == product ? Product(id: $0.id, name: $0.name, price: $0.price, stock: $0.stock - quantity) : $0 }
        return seed
    }

    func charging(_ amount: Int, to customer: CustomerID) -> ShopSeed {
        var seed = self
        seed.customers = customers.map { $0.id == customer ? Customer(id: $0.id, name: $0.name, balance: $0.balance - Cents(amount)) : $0 }
        return seed
    }
}

extension Outcome {
    /// The outcome with the balance of an insufficient-funds refusal blanked out.
    var ignoringReportedBalance: Outcome {
        if case .refused(.insufficientFunds(let customer, _, let total)) = self {
            return .refused(.insufficientFunds(customer: customer, balance: .zero, total: total))
        }
        return self
    }
}
