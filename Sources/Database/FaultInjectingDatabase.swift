/// A ``Database`` that forwards to a real one and fails exactly the k-th statement it is given.
///
/// Statements are counted in the order they arrive: `execute`, `query`, `executeScript`, `begin`
/// and `commit` each count as one. The failing statement never reaches the real database, so
/// what the caller sees is a failure at that point and nothing after it. `rollback` is never
/// failed or counted: the point is to see whether the caller cleans up, not to stop it.
public final class FaultInjectingDatabase: Database {
    /// The real database underneath.
    public let wrapped: any Database
    /// Which statement fails (1 is the first); `nil` fails none and only counts.
    public var failingStatement: Int?
    /// Every call seen so far, in order, as its SQL text: the failed statement and rollbacks included.
    public private(set) var trace: [String] = []
    /// How many statements have been counted (rollbacks are not).
    public private(set) var statementCount = 0
    /// Runs before each counted statement that is not failed reaches the real database, with its
    /// SQL and the real database: another session's change at exactly that moment, for instance.
    public var beforeStatement: ((String, any Database) throws(DatabaseError) -> Void)?

    public init(wrapping database: any Database, failingStatement: Int? = nil) {
        wrapped = database
        self.failingStatement = failingStatement
    }

    public var engine: Engine { wrapped.engine }
    public var isInTransaction: Bool { wrapped.isInTransaction }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int {
        try admit(sql)
        return try wrapped.execute(sql, parameters)
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] {
        try admit(sql)
        return try wrapped.query(sql, parameters)
    }

    public func executeScript(_ sql: String) throws(DatabaseError) {
        try admit(sql)
        try wrapped.executeScript(sql)
    }

    public func begin() throws(DatabaseError) {
        try admit("BEGIN")
        try wrapped.begin()
    }

    public func commit() throws(DatabaseError) {
        try admit("COMMIT")
        try wrapped.commit()
    }

    public func rollback() throws(DatabaseError) {
        trace.append("ROLLBACK")
        try wrapped.rollback()
    }

    private func admit(_ sql: String) throws(DatabaseError) {
        trace.append(sql)
        statementCount += 1
        if statementCount == failingStatement {
            throw DatabaseError(kind: .injectedFault, message: "injected failure of statement \(statementCount)", sql: sql)
        }
        try beforeStatement?(sql, wrapped)
    }
}

extension FaultInjectingDatabase {
    /// Whether `sql` is an UPDATE, INSERT, DELETE or REPLACE (or a WITH before one) that names
    /// `table`, in any letter case or spacing: the moment a `beforeStatement` hook plays another
    /// session's change "just before the first write to `table`".
    public static func writes(_ sql: String, to table: String) -> Bool {
        let words = sql.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        guard let verb = words.first, ["update", "insert", "delete", "replace", "with"].contains(verb) else { return false }
        return words.contains(Substring(table))
    }
}
