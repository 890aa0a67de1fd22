/// The tables a lesson makes in a database the user names (`--database FILE` or a PostgreSQL
/// server), marked as a lesson's own in a table of their own, so that a lesson drops and
/// recreates only what a lesson made — never a user's table that happens to share a name.
public enum LessonTables {
    /// One row per table a lesson created in this database (on PostgreSQL, in this schema).
    static let marker = "monolith_first_lesson_tables"

    /// Drops `tables` (in that order) and runs `create`, which creates them again; marks them as
    /// a lesson's own. When one of them exists and no lesson made it, nothing is dropped or
    /// created and the error names the tables.
    public static func recreate(_ tables: [String], on database: any Database, create: String) throws {
        try database.executeScript("CREATE TABLE IF NOT EXISTS \(marker) (name TEXT PRIMARY KEY)")
        let ours = Set(try database.query("SELECT name FROM \(marker)").map { row throws(DatabaseError) in try row.string("name") })
        let foreign = try tables.filter { table in try exists(table, in: database) && !ours.contains(table.lowercased()) }
        guard foreign.isEmpty else { throw ForeignTablesError(tables: foreign) }
        try database.transaction {
            for table in tables { try database.executeScript("DROP TABLE IF EXISTS \(table)") }
            try database.executeScript(create)
            for table in tables {
                try database.execute("INSERT INTO \(marker) (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", .text(table.lowercased()))
            }
        }
    }

    /// Whether `table` exists where an unqualified name would find it: the SQLite database's main
    /// schema, or the PostgreSQL connection's current schema. SQLite's names ignore case.
    static func exists(_ table: String, in database: any Database) throws(DatabaseError) -> Bool {
        let sql =
            switch database.engine {
            case .sqlite: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = lower($1)"
            case .postgres: "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = lower($1)"
            }
        return try !database.query(sql, .text(table)).isEmpty
    }
}

/// A lesson found tables of its names that no lesson created, and left them alone.
public struct ForeignTablesError: Error, Sendable, CustomStringConvertible {
    public let tables: [String]

    public var description: String {
        """
        this database already holds \(tables.count == 1 ? "a table" : "tables") named \(tables.joined(separator: ", ")) \
        that no lesson created; a lesson never drops data it did not make. Point --database at a \
        new file (or leave it out for an in-memory database), or drop \(tables.count == 1 ? "that table" : "those tables") yourself.
        """
    }
}
