import Database

/// A connection that joins whatever transaction the one it wraps has open: `begin`, `commit` and
/// `rollback` do nothing. A second delivery played at a chosen moment of the first runs through
/// it, on the same connection, as another session would at that moment.
final class JoinedTransaction: Database {
    let wrapped: any Database

    init(_ wrapped: any Database) { self.wrapped = wrapped }

    var engine: Engine { wrapped.engine }
    var isInTransaction: Bool { wrapped.isInTransaction }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int { try wrapped.execute(sql, parameters) }
    func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] { try wrapped.query(sql, parameters) }
    func executeScript(_ sql: String) throws(DatabaseError) { try wrapped.executeScript(sql) }
    func begin() throws(DatabaseError) {}
    func commit() throws(DatabaseError) {}
    func rollback() throws(DatabaseError) {}
}

/// Whether a statement writes a table.
enum CompetingWrite {
    /// Whether `sql` is an UPDATE, INSERT, DELETE or REPLACE that names `table`, in any letter case or spacing.
    static func writes(_ sql: String, to table: String) -> Bool {
        let words = sql.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        guard let verb = words.first, ["update", "insert", "delete", "replace", "with"].contains(verb) else { return false }
        return words.contains(Substring(table))
    }
}
