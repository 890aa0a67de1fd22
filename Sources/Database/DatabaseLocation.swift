/// Where a lesson's database lives, from `--database` or the `DATABASE_URL` environment variable.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// An embedded SQLite database: a file path, or `:memory:`.
    case sqlite(path: String)
    /// A PostgreSQL server, by its `postgres://` or `postgresql://` URL.
    case postgres(url: String)

    /// `postgres://…` and `postgresql://…` name a server, in any letter case (written lowercase
    /// for libpq, which reads only that); anything else is a SQLite path — one that ``problem``
    /// may refuse.
    public init(_ text: String) {
        for scheme in ["postgres://", "postgresql://"] where text.lowercased().hasPrefix(scheme) {
            self = .postgres(url: scheme + text.dropFirst(scheme.count))
            return
        }
        self = .sqlite(path: text)
    }

    /// Why this location cannot be what it seems, or `nil`: a SQLite "path" that is a URL of
    /// another scheme (`mysql://…`, `postgresql+psycopg://…`) or a libpq connection string
    /// (`host=… password=…`) is a mistake, and opening it would create a file named after it,
    /// password and all. The text is shown without its password.
    public var problem: String? {
        guard case .sqlite(let path) = self else { return nil }
        let shown = PostgresDatabase.redacted(path)
        if path.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:\/\//) != nil {
            return "\(shown) is a URL the workbook cannot open: a PostgreSQL URL starts with postgres:// or postgresql://, anything else is a SQLite file path"
        }
        if path.firstMatch(of: /(?i)(^|\s)(host|hostaddr|dbname|user|password|port|sslmode)\s*=/) != nil {
            return "\(shown) looks like a libpq connection string: write it as a URL, postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        }
        return nil
    }

    /// `--database` when given, else `DATABASE_URL` when set, else an in-memory SQLite database.
    public static func chosen(option: String?, environment: [String: String]) -> DatabaseLocation {
        if let option, !option.isEmpty { return DatabaseLocation(option) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return DatabaseLocation(url) }
        return .sqlite(path: ":memory:")
    }

    /// The locations a test runs on: in-memory SQLite always, and the PostgreSQL server that
    /// `DATABASE_URL` names, when it names one.
    public static func forTests(environment: [String: String]) -> [DatabaseLocation] {
        [.sqlite(path: ":memory:")] + (postgres(in: environment).map { [$0] } ?? [])
    }

    /// The PostgreSQL server `DATABASE_URL` names, or `nil` when it names none.
    public static func postgres(in environment: [String: String]) -> DatabaseLocation? {
        guard let url = environment["DATABASE_URL"], case .postgres = DatabaseLocation(url) else { return nil }
        return .postgres(url: url)
    }

    /// The engine this location names.
    public var engine: Engine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Opens a new connection.
    public func open() throws(DatabaseError) -> any Database {
        switch self {
        case .sqlite(let path):
            if let problem { throw DatabaseError(kind: .connection, message: problem) }
            return try SQLiteDatabase(path: path)
        case .postgres(let url): return try PostgresDatabase(url: url)
        }
    }

    /// Opens a connection for a lesson's acts. On PostgreSQL they work in `schema`, a schema of
    /// the lesson's own, created when missing and kept afterwards for you to look at, so that the
    /// lesson's tables never land beside yours in `public`. On SQLite, the database itself.
    public func open(schema: String) throws(DatabaseError) -> any Database {
        guard case .postgres(let url) = self else { return try open() }
        let database = try PostgresDatabase(url: url)
        try database.executeScript("CREATE SCHEMA IF NOT EXISTS \(schema)")
        try database.setSession("SET search_path TO \(schema)")
        return database
    }

    /// A new, empty database for one test or one act: in-memory on SQLite, a scratch schema on
    /// PostgreSQL (see ``PostgresDatabase/scratch(url:)``). A SQLite file is not isolated.
    public func openScratch() throws(DatabaseError) -> any Database {
        switch self {
        case .sqlite(let path):
            if let problem { throw DatabaseError(kind: .connection, message: problem) }
            return try SQLiteDatabase(path: path)
        case .postgres(let url): return try PostgresDatabase.scratch(url: url)
        }
    }

    /// A service's database: ``openScratch()``, then `create` unless `table` is already there —
    /// a SQLite file keeps its data across a restart of the service (a deploy), so the second
    /// start uses it as it is.
    public func openService(unlessItHas table: String, create: (any Database) throws -> Void) throws -> any Database {
        let database = try openScratch()
        if (try? database.query("SELECT COUNT(*) AS n FROM \(table)")) == nil {
            try create(database)
        }
        return database
    }

    /// What to print: the engine and where, without a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite (\(PostgresDatabase.redacted(path)))"
        case .postgres(let url): "PostgreSQL (\(PostgresDatabase.redacted(url)))"
        }
    }

    /// How to get going after `error`: nothing more for an error that says it all itself; for a
    /// refused privilege (SQLSTATE 42501), what to grant; else ``remedy``.
    public func remedy(for error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        if error.sqlState == "42501" {
            return "The user in the URL lacks a privilege this lesson needs: grant it (e.g. `ALTER ROLE name CREATEDB CREATEROLE`), or use a superuser."
        }
        return remedy
    }

    /// How to get going when this location cannot be opened.
    public var remedy: String {
        switch self {
        case .sqlite:
            problem == nil
                ? "Use a writable file path, or leave out --database for an in-memory database."
                : "Give a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL, a SQLite file path, or leave out --database for an in-memory database."
        case .postgres:
            """
            Is the server running? Start one, e.g. `sudo service postgresql start` or \
            `pg_ctl -D DIR -o "-p 5432 -c listen_addresses=127.0.0.1" start`, check the URL \
            (postgres://USER@127.0.0.1:5432/DATABASE), or run on SQLite: unset DATABASE_URL and leave out --database.
            """
        }
    }
}
