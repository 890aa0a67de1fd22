import Database
import Testing

@Suite("SQLite adapter")
struct SQLiteDatabaseTests {
    @Test("placeholders bind by number, wherever and however often they appear")
    func placeholdersBindByNumber() throws {
        let database = try SQLiteDatabase()
        let row = try #require(try database.query("SELECT $2 AS second, $1 AS first, $1 + $2 AS sum", 10, 32).first)
        #expect(try row.int("first") == 10)
        #expect(try row.int("second") == 32)
        #expect(try row.int("sum") == 42)
    }

    @Test("a statement with a different number of values than placeholders is refused, naming the SQL")
    func wrongParameterCount() throws {
        let database = try SQLiteDatabase()
        let error = #expect(throws: DatabaseError.self) { try database.query("SELECT $1 AS one", 1, 2) }
        #expect(error?.kind == .statement)
        #expect(error?.sql == "SELECT $1 AS one")
    }

    @Test("every kind of value comes back as it was bound")
    func valuesRoundTrip() throws {
        let database = try SQLiteDatabase()
        try database.executeScript("CREATE TABLE things (i BIGINT, r REAL, t TEXT, b BLOB, n TEXT)")
        let values: [SQLValue] = [.integer(Int64.max), .real(0.25), .text("naïve — ✓ 'quoted'"), .blob([0, 1, 255]), .null]
        #expect(try database.execute("INSERT INTO things VALUES ($1, $2, $3, $4, $5)", values) == 1)
        let row = try #require(try database.query("SELECT i, r, t, b, n FROM things").first)
        #expect(row.values == values)
        #expect(try row.optionalInt("n") == nil)
        #expect(try row.double("r") == 0.25)
    }

    @Test("execute answers how many rows changed")
    func changedRows() throws {
        let database = try SQLiteDatabase()
        try database.executeScript("CREATE TABLE stock (id TEXT PRIMARY KEY, units BIGINT); INSERT INTO stock VALUES ('a', 5), ('b', 1)")
        #expect(try database.execute("UPDATE stock SET units = units - $1 WHERE units >= $1", 2) == 1)
        #expect(try database.execute("UPDATE stock SET units = units - $1 WHERE units >= $1", 9) == 0)
    }

    @Test("errors carry the kind, the statement and SQLite's own message")
    func errorsCarryContext() throws {
        let database = try SQLiteDatabase()
        try database.executeScript("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (parent TEXT REFERENCES parent (id))")
        let syntax = #expect(throws: DatabaseError.self) { try database.query("SELEC 1") }
        #expect(syntax?.kind == .statement)
        #expect(syntax?.sql == "SELEC 1")
        #expect(syntax?.message.contains("syntax error") == true)
        try database.execute("INSERT INTO parent VALUES ($1)", "p")
        let duplicate = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO parent VALUES ($1)", "p") }
        #expect(duplicate?.kind == .constraintViolation)
        let orphan = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO child VALUES ($1)", "nobody") }
        #expect(orphan?.kind == .constraintViolation, "foreign keys are enforced")
    }

    @Test("the transaction helper commits on return and rolls back on throw")
    func transactionHelper() throws {
        struct Refused: Error {}
        let database = try SQLiteDatabase()
        try database.executeScript("CREATE TABLE log (entry TEXT)")
        try database.transaction { try database.execute("INSERT INTO log VALUES ($1)", "kept") }
        #expect(throws: Refused.self) {
            try database.transaction {
                try database.execute("INSERT INTO log VALUES ($1)", "undone")
                throw Refused()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try database.query("SELECT entry FROM log").map { try $0.string("entry") } == ["kept"])
    }

    @Test("transactions do not nest, and commit or rollback without one is an error")
    func transactionState() throws {
        let database = try SQLiteDatabase()
        #expect(throws: DatabaseError.self) { try database.commit() }
        #expect(throws: DatabaseError.self) { try database.rollback() }
        try database.begin()
        let nested = #expect(throws: DatabaseError.self) { try database.begin() }
        #expect(nested?.kind == .transactionState)
        try database.rollback()
    }

    @Test("a file database uses write-ahead logging and keeps its data across connections")
    func fileDatabase() throws {
        let path = "/tmp/monolith-first-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        do {
            let database = try SQLiteDatabase(path: path)
            #expect(try database.query("PRAGMA journal_mode").first?.string("journal_mode") == "wal")
            try database.executeScript("CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here')")
        }
        let reopened = try SQLiteDatabase(path: path)
        #expect(try reopened.query("SELECT value FROM kept").first?.string("value") == "still here")
    }

    @Test("a database that cannot be opened is a connection error naming the path")
    func cannotOpen() {
        let error = #expect(throws: DatabaseError.self) { try SQLiteDatabase(path: "/no/such/directory/shop.sqlite") }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("/no/such/directory/shop.sqlite") == true)
    }

    @Test("reading a missing column or the wrong type names the column")
    func rowAccessors() throws {
        let row = try #require(try SQLiteDatabase().query("SELECT 'x' AS name").first)
        let missing = #expect(throws: DatabaseError.self) { try row.int("nmae") }
        #expect(missing?.message.contains("nmae") == true)
        let wrongType = #expect(throws: DatabaseError.self) { try row.int("name") }
        #expect(wrongType?.kind == .decoding)
        #expect(wrongType?.message.contains("name") == true)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
