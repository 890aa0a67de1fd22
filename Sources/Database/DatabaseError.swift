/// What went wrong in the database, with the statement that caused it and the engine's own words.
public struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure that callers handle differently.
    public enum Kind: String, Sendable, Hashable {
        /// The database could not be opened or reached.
        case connection
        /// The statement did not compile: a syntax error or an unknown table or column.
        case statement
        /// A constraint refused the change: unique key, foreign key, CHECK or NOT NULL.
        case constraintViolation
        /// The engine refused access to a table or schema: a privilege (PostgreSQL) or an
        /// authorizer (SQLite) drew a boundary there.
        case accessDenied
        /// The database stayed locked by another connection past the busy timeout.
        case busy
        /// Any other failure the engine reported while running the statement.
        case execution
        /// A result could not be read as the type the caller asked for.
        case decoding
        /// A failure planted by ``FaultInjectingDatabase``.
        case injectedFault
        /// `begin`, `commit` or `rollback` called out of order.
        case transactionState
    }

    public let kind: Kind
    /// The engine's (or the workbook's) message.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?
    /// The engine's error code: SQLite's extended result code.
    public let code: Int32?
    /// PostgreSQL's five-character SQLSTATE, when the engine is PostgreSQL.
    public let sqlState: String?

    public init(kind: Kind, message: String, sql: String? = nil, code: Int32? = nil, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
        self.code = code
        self.sqlState = sqlState
    }

    public var description: String {
        var text = "\(kind.rawValue): \(message)"
        if let sql { text += " — in: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))" }
        return text
    }
}
