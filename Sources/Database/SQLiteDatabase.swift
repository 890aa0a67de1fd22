import CSQLite

/// The SQLite adapter of the ``Database`` port: an embedded database in memory or in a file.
///
/// Foreign keys are enforced, a locked database is retried for up to five seconds, files use
/// write-ahead logging, and every statement is prepared once and reused.
public final class SQLiteDatabase: Database {
    public let engine = Engine.sqlite
    /// Where the database lives: a file path, or `:memory:`.
    public let path: String
    private let handle: OpaquePointer
    private var statements: [String: Prepared] = [:]
    private var authorizer: SQLiteAuthorizer?

    /// Opens (creating if needed) the database at `path`; `:memory:` is a private in-memory database.
    public convenience init(path: String = ":memory:") throws(DatabaseError) {
        try self.init(opening: path, flags: 0)
    }

    /// A connection to the in-memory database called `name`, which every connection of this
    /// process opened with the same name shares (SQLite's shared cache) while one of them is
    /// open: two connections to one database, with no file to remove afterwards.
    public convenience init(sharedInMemory name: String) throws(DatabaseError) {
        try self.init(opening: "file:\(name)?mode=memory&cache=shared", flags: SQLITE_OPEN_URI)
    }

    private init(opening path: String, flags extra: Int32) throws(DatabaseError) {
        self.path = path
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | extra
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw DatabaseError(kind: .connection, message: "cannot open SQLite database at \(path): \(message)", code: status)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5_000)
        try executeScript("PRAGMA foreign_keys = ON")
        if path != ":memory:" && !path.isEmpty && extra & SQLITE_OPEN_URI == 0 {
            _ = try query("PRAGMA journal_mode = WAL", [])
        }
    }

    deinit {
        for prepared in statements.values { sqlite3_finalize(prepared.statement) }
        sqlite3_close_v2(handle)
    }

    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` with the connection's C handle: for a measurement that goes below this port
    /// (`workbook bench`'s floors), never for a lesson's own work.
    public func withCHandle<Result>(_ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        try body(handle)
    }

    /// Installs `callback` as the connection's authorizer, with `authorizer` as its context.
    func installAuthorizer(
        _ authorizer: SQLiteAuthorizer,
        _ callback:
            @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) ->
            Int32
    ) {
        self.authorizer = authorizer
        // Statements compiled before the policy changed must be compiled again under it.
        for prepared in statements.values { sqlite3_finalize(prepared.statement) }
        statements.removeAll()
        sqlite3_set_authorizer(handle, callback, Unmanaged.passUnretained(authorizer).toOpaque())
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int {
        _ = try run(sql, parameters)
        return Int(sqlite3_changes(handle))
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] {
        try run(sql, parameters)
    }

    public func executeScript(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard status == SQLITE_OK else {
            let text = status & 0xFF == SQLITE_AUTH ? lastMessage : message.map { String(cString: $0) } ?? lastMessage
            throw DatabaseError(kind: Self.kind(of: status), message: text, sql: sql, code: status)
        }
    }

    public func begin() throws(DatabaseError) {
        guard !isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "a transaction is already open; transactions do not nest")
        }
        // IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read lock.
        try execute("BEGIN IMMEDIATE", [])
    }

    public func commit() throws(DatabaseError) {
        guard isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "commit without an open transaction")
        }
        try execute("COMMIT", [])
    }

    public func rollback() throws(DatabaseError) {
        guard isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "rollback without an open transaction")
        }
        try execute("ROLLBACK", [])
    }

    // MARK: - Statements

    private func run(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] {
        let prepared = try self.prepared(sql)
        let statement = prepared.statement
        // Every placeholder is bound again on every run (`bind` checks the count), so resetting
        // is enough: no need to clear the bindings.
        defer { sqlite3_reset(statement) }
        try bind(parameters, to: prepared, sql: sql)
        var rows: [Row] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else {
                throw DatabaseError(kind: Self.kind(of: status), message: lastMessage, sql: sql, code: status)
            }
            rows.append(Row(columns: prepared.columns, values: (0..<Int32(prepared.columns.count)).map { Self.value(statement, $0) }))
        }
    }

    private func prepared(_ sql: String) throws(DatabaseError) -> Prepared {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw DatabaseError(kind: Self.kind(of: status, preparing: true), message: lastMessage, sql: sql, code: status)
        }
        let prepared = Prepared(statement: statement)
        statements[sql] = prepared
        return prepared
    }

    /// Binds `parameters[i]` to the placeholder `$(i+1)`, wherever it appears in the statement.
    private func bind(_ parameters: [SQLValue], to prepared: Prepared, sql: String) throws(DatabaseError) {
        let statement = prepared.statement
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == parameters.count else {
            throw DatabaseError(
                kind: .statement, message: "the statement has \(expected) placeholder(s) but \(parameters.count) value(s) were bound", sql: sql)
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in parameters.enumerated() {
            let index = prepared.placeholders[offset]
            guard index > 0 else {
                throw DatabaseError(kind: .statement, message: "placeholders are $1, $2, …; $\(offset + 1) is missing", sql: sql)
            }
            let status: Int32 =
                switch value {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let number): sqlite3_bind_int64(statement, index, number)
                case .real(let number): sqlite3_bind_double(statement, index, number)
                case .text(let text): sqlite3_bind_text(statement, index, text, -1, transient)
                case .blob(let bytes):
                    bytes.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
                }
            guard status == SQLITE_OK else {
                throw DatabaseError(kind: .statement, message: lastMessage, sql: sql, code: status)
            }
        }
    }

    private var lastMessage: String {
        let message = String(cString: sqlite3_errmsg(handle))
        if sqlite3_errcode(handle) == SQLITE_AUTH, let denial = authorizer?.lastDenial { return "\(message): \(denial)" }
        return message
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, column)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private static func kind(of status: Int32, preparing: Bool = false) -> DatabaseError.Kind {
        switch status & 0xFF {
        case SQLITE_CONSTRAINT: .constraintViolation
        case SQLITE_AUTH: .accessDenied
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_CANTOPEN, SQLITE_NOTADB: .connection
        case SQLITE_ERROR where preparing: .statement
        default: .execution
        }
    }
}

/// A statement prepared once, with what every run of it needs: where `$1`, `$2`, … bind, and
/// the names of its columns.
private struct Prepared {
    let statement: OpaquePointer
    /// The bind index of `$1`, `$2`, … in order; 0 for a number the statement skips.
    let placeholders: [Int32]
    let columns: [String]

    init(statement: OpaquePointer) {
        self.statement = statement
        placeholders = (0..<sqlite3_bind_parameter_count(statement)).map { sqlite3_bind_parameter_index(statement, "$\($0 + 1)") }
        columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }
}
