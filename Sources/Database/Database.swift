/// The SQL port: what every lesson needs from a relational database, whichever engine is behind it.
///
/// Statements use numbered placeholders, `$1`, `$2`, …, on every engine (PostgreSQL's own style,
/// which the SQLite adapter binds by name), and values are always bound, never spliced into SQL.
/// A connection is used by one task at a time; share it across tasks only behind an actor or a lock.
public protocol Database: AnyObject {
    /// Which engine this is, for the narration and for the few statements that differ.
    var engine: Engine { get }

    /// Runs one statement that returns no rows and answers how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int

    /// Runs one statement and returns all its rows.
    func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row]

    /// Runs a script of several statements without parameters (schema, migrations).
    func executeScript(_ sql: String) throws(DatabaseError)

    /// Starts a transaction. Transactions do not nest.
    func begin() throws(DatabaseError)
    /// Makes the transaction's changes permanent.
    func commit() throws(DatabaseError)
    /// Undoes the transaction's changes.
    func rollback() throws(DatabaseError)
    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { get }
}

/// The database engines the workbook runs on.
public enum Engine: String, Sendable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"
    public var description: String { rawValue }
}

extension Database {
    @discardableResult
    public func execute(_ sql: String, _ parameters: SQLValue...) throws(DatabaseError) -> Int {
        try execute(sql, parameters)
    }

    public func query(_ sql: String, _ parameters: SQLValue...) throws(DatabaseError) -> [Row] {
        try query(sql, parameters)
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and
    /// rethrows its error. A failing commit is rolled back too.
    @discardableResult
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            if isInTransaction { try? rollback() }
            throw error
        }
    }
}
