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
    for sql in [
        "SELECT email FROM auth.users WHERE id = 'ada'",
        "CREATE TABLE billing.customer_emails (user_id TEXT REFERENCES auth.users (id), email TEXT)",
        "UPDATE auth.users SET display_name = 'hacked'",
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
        narrator.say("(SQLite cannot even spell a foreign key into another attached database: REFERENCES takes no schema name.)")
    }
    let seen = try database.admin.query("SELECT COUNT(*) AS users FROM auth.users").first?.int("users") ?? 0
    narrator.say("The admin connection, which owns everything, still reads auth.users (\(seen) rows).")
    narrator.notice(
        "owners and superusers bypass privileges, so the boundary holds only if every module connects as its own role (or through its own authorizer), never as the owner."
    )
}
