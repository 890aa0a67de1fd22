import Database
import Testing

@Suite("The Database port, on every available engine")
struct DatabasePortTests {
    @Test("placeholders bind by number, wherever and however often they appear", arguments: Engines.available)
    func placeholdersBindByNumber(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        let row = try #require(try database.query("SELECT $2 AS second, $1 AS first, $1 + $2 AS sum", 10, 32).first)
        #expect(try row.int("first") == 10)
        #expect(try row.int("second") == 32)
        #expect(try row.int("sum") == 42)
    }

    @Test("a statement with a different number of values than placeholders is refused, naming the SQL", arguments: Engines.available)
    func wrongParameterCount(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        let error = #expect(throws: DatabaseError.self) { try database.query("SELECT $1 AS one", 1, 2) }
        #expect(error?.kind == .statement)
        #expect(error?.sql == "SELECT $1 AS one")
    }

    @Test("every kind of value comes back as it was bound", arguments: Engines.available)
    func valuesRoundTrip(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        try database.executeScript("CREATE TABLE things (i BIGINT, r DOUBLE PRECISION, t TEXT, b \(Engines.blobType(engine)), n TEXT)")
        let values: [SQLValue] = [.integer(Int64.max), .real(0.25), .text("naïve — ✓ 'quoted'"), .blob([0, 1, 255]), .null]
        #expect(try database.execute("INSERT INTO things VALUES ($1, $2, $3, $4, $5)", values) == 1)
        let row = try #require(try database.query("SELECT i, r, t, b, n FROM things").first)
        #expect(row.values == values)
        #expect(try row.optionalInt("n") == nil)
        #expect(try row.double("r") == 0.25)
    }

    @Test("execute answers how many rows changed", arguments: Engines.available)
    func changedRows(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        try database.executeScript("CREATE TABLE stock (id TEXT PRIMARY KEY, units BIGINT); INSERT INTO stock VALUES ('a', 5), ('b', 1)")
        #expect(try database.execute("UPDATE stock SET units = units - $1 WHERE units >= $1", 2) == 1)
        #expect(try database.execute("UPDATE stock SET units = units - $1 WHERE units >= $1", 9) == 0)
    }

    @Test("errors carry the kind, the statement and the engine's own message", arguments: Engines.available)
    func errorsCarryContext(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        try database.executeScript("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (parent TEXT REFERENCES parent (id))")
        let syntax = #expect(throws: DatabaseError.self) { try database.query("SELEC 1") }
        #expect(syntax?.kind == .statement)
        #expect(syntax?.sql == "SELEC 1")
        #expect(syntax?.message.contains("syntax error") == true, "the engine's own message: \(String(describing: syntax))")
        try database.execute("INSERT INTO parent VALUES ($1)", "p")
        let duplicate = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO parent VALUES ($1)", "p") }
        #expect(duplicate?.kind == .constraintViolation)
        let orphan = #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO child VALUES ($1)", "nobody") }
        #expect(orphan?.kind == .constraintViolation, "foreign keys are enforced")
    }

    @Test("the transaction helper commits on return and rolls back on throw", arguments: Engines.available)
    func transactionHelper(_ engine: Engine) throws {
        struct Refused: Error {}
        let database = try Engines.open(engine)
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

    @Test("transactions do not nest, and commit or rollback without one is an error", arguments: Engines.available)
    func transactionState(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        #expect(throws: DatabaseError.self) { try database.commit() }
        #expect(throws: DatabaseError.self) { try database.rollback() }
        try database.begin()
        let nested = #expect(throws: DatabaseError.self) { try database.begin() }
        #expect(nested?.kind == .transactionState)
        try database.rollback()
    }

    @Test("reading a missing column or the wrong type names the column", arguments: Engines.available)
    func rowAccessors(_ engine: Engine) throws {
        let row = try #require(try Engines.open(engine).query("SELECT 'x' AS name").first)
        let missing = #expect(throws: DatabaseError.self) { try row.int("nmae") }
        #expect(missing?.message.contains("nmae") == true)
        let wrongType = #expect(throws: DatabaseError.self) { try row.int("name") }
        #expect(wrongType?.kind == .decoding)
        #expect(wrongType?.message.contains("name") == true)
    }
}
