import Testing

@testable import Database

@Suite("PostgreSQL adapter")
struct PostgresAdapterTests {
    @Test("a server that is not there is a connection error that names it without the password")
    func unreachable() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let error = #expect(throws: DatabaseError.self) {
            try PostgresDatabase(url: "postgres://student:secret@127.0.0.1:1/shop?connect_timeout=2")
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(error?.message.contains("secret") == false, "the password must not be printed: \(String(describing: error))")
    }

    @Test("every password form libpq reads is masked: user:pw@, ?password=, and password= in a connection string")
    func redaction() {
        #expect(PostgresDatabase.redacted("postgres://student:secret@127.0.0.1:5432/shop") == "postgres://student:***@127.0.0.1:5432/shop")
        #expect(
            PostgresDatabase.redacted("postgres://student@127.0.0.1/shop?sslmode=disable&password=secret&connect_timeout=2")
                == "postgres://student@127.0.0.1/shop?sslmode=disable&password=***&connect_timeout=2")
        #expect(PostgresDatabase.redacted("postgresql://127.0.0.1/shop?PASSWORD=secret") == "postgresql://127.0.0.1/shop?PASSWORD=***")
        #expect(PostgresDatabase.redacted("host=127.0.0.1 password=secret dbname=shop") == "host=127.0.0.1 password=*** dbname=shop")
        // An @ in the path or query is not a password's end.
        #expect(PostgresDatabase.redacted("postgres://127.0.0.1/shop?application_name=a@b") == "postgres://127.0.0.1/shop?application_name=a@b")
        #expect(PostgresDatabase.redacted("postgres://student@127.0.0.1/shop") == "postgres://student@127.0.0.1/shop")
    }

    @Test("a ?password= in the URL is not printed when the server is not there")
    func unreachableWithQueryPassword() {
        let error = #expect(throws: DatabaseError.self) {
            try PostgresDatabase(url: "postgres://student@127.0.0.1:1/shop?password=secret&connect_timeout=2")
        }
        #expect(error?.message.contains("secret") == false, "the password must not be printed: \(String(describing: error))")
        #expect(DatabaseLocation("postgres://student@127.0.0.1:1/shop?password=secret").description.contains("secret") == false)
    }

    @Test("errors carry the server's SQLSTATE", .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
    func sqlState() throws {
        let database = try Engines.open(.postgres)
        try database.executeScript("CREATE TABLE unique_things (id TEXT PRIMARY KEY)")
        try database.execute("INSERT INTO unique_things VALUES ($1)", "a")
        let error = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO unique_things VALUES ($1)", "a") }
        #expect(error?.sqlState == "23505")
        #expect(error?.kind == .constraintViolation)
    }

    @Test(
        "a failed statement inside a transaction makes commit fail loudly, not silently roll back",
        .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
    func commitAfterFailure() throws {
        let database = try Engines.open(.postgres)
        try database.executeScript("CREATE TABLE log (entry TEXT NOT NULL)")
        try database.begin()
        try database.execute("INSERT INTO log VALUES ($1)", "kept?")
        #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO log VALUES ($1)", .null) }
        #expect(throws: DatabaseError.self) { try database.commit() }
        #expect(!database.isInTransaction)
        #expect(try database.query("SELECT entry FROM log").isEmpty)
    }

    @Test(
        "a connection the server dropped mid-transaction fails that statement, then connects again in the same schema and role",
        .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
    func reconnects() throws {
        let url = try #require(Engines.postgresURL)
        let database = try PostgresDatabase.scratch(url: url)
        try database.setSession("SET application_name TO 'reconnect-check'")
        try database.executeScript("CREATE TABLE kept (n BIGINT NOT NULL)")
        try database.execute("INSERT INTO kept VALUES ($1)", .integer(1))
        let backend = try database.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
        try database.begin()
        try database.execute("INSERT INTO kept VALUES ($1)", .integer(2))

        // What a server restart does to this connection: its backend ends.
        let administrator = try PostgresDatabase(url: url)
        _ = try administrator.query("SELECT pg_terminate_backend($1::int)", .integer(Int64(backend)))

        let lost = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO kept VALUES ($1)", .integer(3)) }
        #expect(lost?.kind == .connection, "\(String(describing: lost))")
        #expect(!database.isInTransaction, "a dropped connection has no transaction open")
        #expect(throws: DatabaseError.self) { try database.commit() }

        // The next transaction runs on a new connection, in the scratch schema, with the session as set.
        let rows = try database.transaction { try database.query("SELECT n FROM kept ORDER BY n") }
        #expect(rows.map { try? $0.int("n") } == [1], "the open transaction was rolled back by the server, the committed row kept")
        let session = try database.query("SELECT current_setting('application_name') AS name, pg_backend_pid() AS pid")[0]
        #expect(try session.string("name") == "reconnect-check")
        #expect(try session.int("pid") != backend)
    }
}

@Suite("Choosing a database")
struct DatabaseLocationTests {
    @Test("--database wins over DATABASE_URL, which wins over an in-memory SQLite")
    func precedence() {
        let url = "postgres://u@127.0.0.1:5432/shop"
        #expect(DatabaseLocation.chosen(option: "/tmp/shop.sqlite", environment: ["DATABASE_URL": url]) == .sqlite(path: "/tmp/shop.sqlite"))
        #expect(DatabaseLocation.chosen(option: nil, environment: ["DATABASE_URL": url]) == .postgres(url: url))
        #expect(DatabaseLocation.chosen(option: "postgresql://u@h/db", environment: [:]) == .postgres(url: "postgresql://u@h/db"))
        #expect(DatabaseLocation.chosen(option: nil, environment: [:]) == .sqlite(path: ":memory:"))
    }

    @Test("a location prints without its password")
    func description() {
        #expect(DatabaseLocation("postgres://student:secret@db:5432/shop").description == "PostgreSQL (postgres://student:***@db:5432/shop)")
        #expect(DatabaseLocation(":memory:").description == "SQLite (:memory:)")
    }
}

@Suite("Placeholders")
struct PlaceholderTests {
    @Test(
        "placeholders are counted outside quotes",
        arguments: [
            ("SELECT 1", 0), ("SELECT $1, $2", 2), ("SELECT $2 + $1", 2), ("SELECT '$3', $1", 1), ("SELECT \"$9\" FROM t WHERE a = $1", 1),
            ("UPDATE t SET a = a - $1 WHERE id = $2 AND a >= $1", 2), ("SELECT $10", 10),
        ])
    func highest(_ sql: String, _ expected: Int) {
        #expect(Placeholders.highest(in: sql) == expected)
    }
}

@Suite("PostgreSQL scratch schemas")
struct ScratchSchemaTests {
    @Test(
        "a scratch connection sees only its own tables, and its schema is dropped when it closes",
        .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
    func isolated() throws {
        let url = try #require(Engines.postgresURL)
        var schema = ""
        do {
            let first = try PostgresDatabase.scratch(url: url)
            let second = try PostgresDatabase.scratch(url: url)
            try first.executeScript("CREATE TABLE mine (id TEXT)")
            try second.executeScript("CREATE TABLE mine (id TEXT)")
            try first.execute("INSERT INTO mine VALUES ($1)", "first")
            #expect(try second.query("SELECT id FROM mine").isEmpty)
            schema = try #require(try first.query("SELECT current_schema() AS name").first).string("name")
        }
        let observer = try PostgresDatabase(url: url)
        #expect(try observer.query("SELECT 1 AS found FROM pg_namespace WHERE nspname = $1", .text(schema)).isEmpty)
    }
}
