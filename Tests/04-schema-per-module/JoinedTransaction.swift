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
