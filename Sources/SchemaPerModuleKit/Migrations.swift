import Database

/// A module's migrations: numbered steps, each applied once, recorded in the module's own
/// `schema_migrations` table — so every module migrates its own schema, on its own schedule.
public enum Migrations {
    /// Applies the steps of `module` not yet applied, in order, each in a transaction.
    /// `steps[0]` is version 1. Answers the version the module is at afterwards.
    @discardableResult
    public static func apply(_ steps: [String], module: Module, on connection: any Database) throws -> Int {
        try connection.executeScript("CREATE TABLE IF NOT EXISTS \(module.schema).schema_migrations (version BIGINT PRIMARY KEY)")
        let applied = try connection.query("SELECT MAX(version) AS version FROM \(module.schema).schema_migrations").first?.optionalInt("version") ?? 0
        for (index, step) in steps.enumerated() where index + 1 > applied {
            try connection.transaction {
                try connection.executeScript(step)
                try connection.execute("INSERT INTO \(module.schema).schema_migrations (version) VALUES ($1)", .int(index + 1))
            }
        }
        return max(applied, steps.count)
    }
}
