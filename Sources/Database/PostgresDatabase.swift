import CLibPQ

/// The PostgreSQL adapter of the ``Database`` port, over libpq.
///
/// Statements use the same `$1`, `$2`, … placeholders as on SQLite; values are sent separately
/// from the SQL (`PQexecParams`), integers typed as `bigint` and text left for the server to infer
/// from its context. Errors carry the server's SQLSTATE and message.
public final class PostgresDatabase: Database {
    public let engine = Engine.postgres
    private let connection: OpaquePointer
    /// A schema this connection created for itself and drops when it closes.
    private var scratchSchema: String?
    /// The statements that set this session up (`SET search_path`, `SET ROLE`), replayed when
    /// the connection is made again after the server dropped it.
    private var sessionSetup: [String] = []

    /// Connects to the server a `postgres://user@host:port/database` URL names.
    public init(url: String) throws(DatabaseError) {
        guard let connection = PQconnectdb(url) else {
            throw DatabaseError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw DatabaseError(kind: .connection, message: "cannot connect to PostgreSQL at \(Self.redacted(url)): \(message)")
        }
        self.connection = connection
        // The server's NOTICEs ("table … does not exist, skipping") are not the lesson's output.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    /// A connection that works in a new, empty schema of its own, dropped with everything in it
    /// when the connection closes: tests running in parallel on one server never meet.
    public static func scratch(url: String) throws(DatabaseError) -> PostgresDatabase {
        let database = try PostgresDatabase(url: url)
        let schema = "scratch_\(UInt64.random(in: 0...UInt64.max))"
        try database.executeScript("CREATE SCHEMA \(schema)")
        database.scratchSchema = schema
        try database.setSession("SET search_path TO \(schema)")
        return database
    }

    deinit {
        if let scratchSchema { PQclear(PQexec(connection, "DROP SCHEMA \(scratchSchema) CASCADE")) }
        PQfinish(connection)
    }

    /// Whether a transaction is open: not on a connection the server dropped (its state is
    /// unknown there, and the server has rolled back what was open).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(connection)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Runs `sql` now, and again each time the connection is made anew after the server dropped
    /// it (a restart, an administrator): a search path or a role set this way lasts as long as
    /// this connection, so a reconnected session never runs in `public` or as the wrong role.
    public func setSession(_ sql: String) throws(DatabaseError) {
        try executeScript(sql)
        sessionSetup.append(sql)
    }

    /// Makes the connection again when the server dropped it, with its session set up as before.
    /// The statement that met the drop has already failed with a connection error: it is never
    /// sent again here, since it may have taken effect (see lesson 02).
    private func reconnectIfDropped() throws(DatabaseError) {
        guard PQstatus(connection) == CONNECTION_BAD else { return }
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            throw DatabaseError(
                kind: .connection,
                message: "the connection to PostgreSQL was lost and could not be made again: \(Self.trimmed(String(cString: PQerrorMessage(connection))))")
        }
        for statement in sessionSetup {
            let result = PQexec(connection, statement)
            defer { PQclear(result) }
            try check(result, sql: statement)
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> [Row] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        return (0..<PQntuples(result)).map { row in
            Row(columns: columns, values: (0..<Int32(columns.count)).map { Self.value(result, row, $0) })
        }
    }

    public func executeScript(_ sql: String) throws(DatabaseError) {
        try reconnectIfDropped()
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    public func begin() throws(DatabaseError) {
        guard !isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "a transaction is already open; transactions do not nest")
        }
        try executeScript("BEGIN")
    }

    public func commit() throws(DatabaseError) {
        guard PQstatus(connection) != CONNECTION_BAD else {
            throw DatabaseError(kind: .connection, message: "the connection to PostgreSQL was lost: the transaction was rolled back by the server")
        }
        guard isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "commit without an open transaction")
        }
        // COMMIT of a transaction that already failed answers success but rolls back: say so.
        let failed = PQtransactionStatus(connection) == PQTRANS_INERROR
        try executeScript("COMMIT")
        if failed {
            throw DatabaseError(kind: .execution, message: "the transaction had failed and was rolled back instead of committed", sql: "COMMIT")
        }
    }

    public func rollback() throws(DatabaseError) {
        guard isInTransaction else {
            throw DatabaseError(kind: .transactionState, message: "rollback without an open transaction")
        }
        try executeScript("ROLLBACK")
    }

    // MARK: - Statements

    private func run(_ sql: String, _ parameters: [SQLValue]) throws(DatabaseError) -> OpaquePointer? {
        // The server would accept unused typed values; refuse them here, as SQLite does.
        let expected = Placeholders.highest(in: sql)
        guard expected == parameters.count else {
            throw DatabaseError(
                kind: .statement, message: "the statement has \(expected) placeholder(s) but \(parameters.count) value(s) were bound", sql: sql)
        }
        try reconnectIfDropped()
        let encoded = parameters.map(PostgresParameter.init)
        let result = PostgresParameter.withArrays(encoded) { types, values, lengths, formats in
            PQexecParams(connection, sql, Int32(encoded.count), types, values, lengths, formats, 0)
        }
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    private func check(_ result: OpaquePointer?, sql: String) throws(DatabaseError) {
        let status = PQresultStatus(result)
        guard status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY else { return }
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
        let message = primary ?? Self.trimmed(String(cString: PQerrorMessage(connection)))
        throw DatabaseError(
            kind: Self.kind(sqlState: sqlState, connectionLost: PQstatus(connection) != CONNECTION_OK),
            message: message, sql: sql, sqlState: sqlState)
    }

    private static func value(_ result: OpaquePointer?, _ row: Int32, _ column: Int32) -> SQLValue {
        if PQgetisnull(result, row, column) == 1 { return .null }
        let text = String(cString: PQgetvalue(result, row, column))
        switch PQftype(result, column) {
        case 20, 21, 23, 26: return Int64(text).map(SQLValue.integer) ?? .text(text)  // int8, int2, int4, oid
        case 16: return .integer(text == "t" ? 1 : 0)  // bool
        // numeric: SUM of bigints is numeric; a whole number stays an integer, as on SQLite.
        case 1700 where !text.contains("."): return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701, 1700: return Double(text).map(SQLValue.real) ?? .text(text)  // float4, float8, numeric
        case 17: return .blob(PostgresParameter.decodeHexBytea(text))  // bytea
        default: return .text(text)
        }
    }

    /// SQLSTATE classes: 23 integrity constraint, 42 syntax or access rule, 08 connection,
    /// 40 transaction rollback (serialization failure, deadlock), 55P03 lock not available.
    private static func kind(sqlState: String?, connectionLost: Bool) -> DatabaseError.Kind {
        if connectionLost { return .connection }
        guard let sqlState else { return .execution }
        switch (sqlState.prefix(2), sqlState) {
        case (_, "08P01"): return .statement  // protocol violation: e.g. the wrong number of values bound
        case ("23", _): return .constraintViolation
        case (_, "42501"): return .accessDenied  // insufficient_privilege
        case ("42", _): return .statement
        case ("08", _): return .connection
        case ("40", _), (_, "55P03"): return .busy
        case ("25", _): return .transactionState
        default: return .execution
        }
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// The URL without its password, for messages.
    /// `url` with every password libpq would read from it masked: `user:***@host`, and
    /// `password=***` in the query string (`?password=…&…`) or in a `key=value` connection string.
    public static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.firstRange(of: "://") {
            let authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        // password=… up to the next & (a URL's query) or blank (a connection string).
        return text.replacing(/(?i)(password=)[^&\s]*/) { "\($0.output.1)***" }
    }
}
