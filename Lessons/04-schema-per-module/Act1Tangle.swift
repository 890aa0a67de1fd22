import Database
import Shop

/// Act 1: one schema for everyone; billing reads auth's users table; auth renames a column.
func actTangle(_ stage: Stage) throws {
    let narrator = stage.narrator
    let database = try stage.sharedDatabase()
    try database.executeScript(
        """
        CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL, display_name TEXT NOT NULL);
        CREATE TABLE customers (user_id TEXT PRIMARY KEY REFERENCES users (id));
        CREATE TABLE charges (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES customers (user_id), amount_cents BIGINT NOT NULL);
        """)
    try database.execute("INSERT INTO users VALUES ($1, $2, $3)", "ada", "ada@example.com", "Ada Lovelace")
    try database.execute("INSERT INTO customers VALUES ($1)", "ada")
    for charge in stage.charges() where charge.user == "ada" {
        try database.execute("INSERT INTO charges VALUES ($1, $2, $3)", .text(charge.id), "ada", .int(charge.amount.value))
    }
    // Billing's invoice, written the quick way: straight into auth's table.
    let invoice = """
        SELECT u.email AS email, COUNT(c.id) AS charges, COALESCE(SUM(c.amount_cents), 0) AS total
        FROM users u JOIN customers cu ON cu.user_id = u.id LEFT JOIN charges c ON c.user_id = u.id
        WHERE u.id = $1 GROUP BY u.email
        """
    narrator.step("Billing's invoice joins auth's users table directly:")
    narrator.say("    " + invoice.split(separator: "\n").joined(separator: " "))
    let before = try database.query(invoice, "ada")[0]
    narrator.ok("invoice: ada <\(try before.string("email"))>: \(try before.int("charges")) charge(s), \(Cents(try before.int("total")))")

    narrator.step("Auth ships its own migration — ALTER TABLE users RENAME COLUMN email TO email_address — and its own code with it.")
    try database.executeScript("ALTER TABLE users RENAME COLUMN email TO email_address")
    do {
        _ = try database.query(invoice, "ada")
        narrator.failed("billing's invoice still ran?")
    } catch {
        narrator.failed("billing's invoice, untouched, now fails at run time: \(error)")
    }
    narrator.notice(
        "nothing told the auth team that billing read their table, and nothing failed until billing ran. Shared tables are coupling nobody can see: schema changes need coordinated deploys, and every team reads and locks everyone's rows."
    )
}
