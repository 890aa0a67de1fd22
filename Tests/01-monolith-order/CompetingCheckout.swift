import Database

/// A ``Database`` that lets another checkout change the shop at the worst moment: just before the
/// first statement that writes `table`, it runs `competitor` on the same connection, once.
///
/// That moment is the race the lesson warns about: every read of a check-then-act checkout is
/// done and none of its writes is. On PostgreSQL (read committed) a concurrent checkout can
/// commit exactly there; SQLite's `BEGIN IMMEDIATE` never lets it, so the check plays it on the
/// order's own connection. The competitor therefore joins the order's transaction: a refused
/// order rolls it back too.
final class CompetingCheckout: Database {
    let wrapped: any Database
    let table: String
    let competitor: (any Database) throws(DatabaseError) -> Void
    /// Whether the competitor has run, and before which statement.
    private(set) var ranBefore: String?

    init(wrapping database: any Database, beforeFirstWriteTo table: String, competitor: @escaping (any Database) throws(DatabaseError) -> Void) {
        wrapped = database
        self.table = table
        self.competitor = competitor
    }

    var engine: Engine { wrapped.engine }
    var isInTransaction: Bool { wrapped.isInTransaction }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int {
        try compete(before: sql)
        return try wrapped.execute(sql, parameters)
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] {
        try compete(before: sql)
        return try wrapped.query(sql, parameters)
    }

    func executeScript(_ sql: String) throws(DatabaseError) {
        try compete(before: sql)
        try wrapped.executeScript(sql)
    }

    func begin() throws(DatabaseError) { try wrapped.begin() }
    func commit() throws(DatabaseError) { try wrapped.commit() }
    func rollback() throws(DatabaseError) { try wrapped.rollback() }

    private func compete(before sql: String) throws(DatabaseError) {
        guard ranBefore == nil, Self.writes(sql, to: table) else { return }
        ranBefore = sql
        try competitor(wrapped)
    }

    /// Whether `sql` is an UPDATE, INSERT or DELETE that names `table`, in any letter case or spacing.
    static func writes(_ sql: String, to table: String) -> Bool {
        let words = sql.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        guard let verb = words.first, ["update", "insert", "delete", "replace", "with"].contains(verb) else { return false }
        return words.contains(Substring(table))
    }
}
