import Database
import SchemaPerModuleKit

/// Act 3: billing's own connection tries to reach into auth; the database says no.
func actDatabaseEnforces(_ stage: Stage) throws {
    let narrator = stage.narrator
    let (database, _) = try stage.modularShop()
    let billing = database.connection(for: .billing)
    let how =
        database.engine == .postgres
        ? "billing's connection runs as its own role, with USAGE on schema billing only (PUBLIC revoked)"
        : "billing's connection has an authorizer that refuses every attached database but billing"
    narrator.step(how + ". It tries:")
    let foreignKey = "CREATE TABLE billing.customer_emails (user_id TEXT REFERENCES auth.users (id), email TEXT)"
    // On SQLite the foreign key never reaches the authorizer (see below): a copy of auth's data
    // into billing's schema is what the authorizer is asked about there.
    let copy = "CREATE TABLE billing.customer_emails AS SELECT id, email FROM auth.users"
    for sql in [
        "SELECT email FROM auth.users WHERE id = 'ada'", database.engine == .postgres ? foreignKey : copy, "UPDATE auth.users SET display_name = 'hacked'",
    ] {
        do {
            try billing.executeScript(sql)
            narrator.failed("allowed: \(sql)")
        } catch {
            narrator.ok("refused by \(database.engine): \(error.message)")
            narrator.say("    in: \(sql)")
        }
    }
    if database.engine == .sqlite {
        do {
            try billing.executeScript(foreignKey)
            narrator.failed("allowed: \(foreignKey)")
        } catch {
            narrator.say(
                "And a foreign key from billing into auth: SQLite's parser stops it (\(error.message)) before any permission is asked. REFERENCES takes no schema name, so across attached databases a foreign key cannot be written at all: a limit of SQLite, not the boundary's doing. On PostgreSQL the same statement is refused for want of permission on schema auth."
            )
        }
    }
    let seen = try database.admin.query("SELECT COUNT(*) AS users FROM auth.users").first?.int("users") ?? 0
    narrator.say("The admin connection, which owns everything, still reads auth.users (\(seen) rows).")
    narrator.notice(
        "owners and superusers bypass privileges, so the boundary holds only if every module connects as its own role (or through its own authorizer), never as the owner."
    )
}
