import Database
import Testing

@Suite("Fault-injecting database")
struct FaultInjectingDatabaseTests {
    @Test("fails exactly the k-th statement, which never reaches the real database")
    func failsTheKthStatement() throws {
        let real = try SQLiteDatabase()
        try real.executeScript("CREATE TABLE log (entry BIGINT)")
        let faulty = FaultInjectingDatabase(wrapping: real, failingStatement: 3)
        try faulty.execute("INSERT INTO log VALUES ($1)", 1)
        try faulty.execute("INSERT INTO log VALUES ($1)", 2)
        let error = #expect(throws: DatabaseError.self) { try faulty.execute("INSERT INTO log VALUES ($1)", 3) }
        #expect(error?.kind == .injectedFault)
        #expect(error?.sql == "INSERT INTO log VALUES ($1)")
        try faulty.execute("INSERT INTO log VALUES ($1)", 4)
        #expect(try real.query("SELECT entry FROM log").map { try $0.int("entry") } == [1, 2, 4])
        #expect(faulty.statementCount == 4)
    }

    @Test("begin and commit count as statements; rollback is traced but never counted or failed")
    func transactionCalls() throws {
        let faulty = FaultInjectingDatabase(wrapping: try SQLiteDatabase(), failingStatement: 2)
        try faulty.begin()
        #expect(throws: DatabaseError.self) { try faulty.commit() }
        #expect(faulty.isInTransaction, "the failed commit did not reach SQLite")
        try faulty.rollback()
        #expect(!faulty.isInTransaction)
        #expect(faulty.trace == ["BEGIN", "COMMIT", "ROLLBACK"])
        #expect(faulty.statementCount == 2)
    }

    @Test("beforeStatement runs on the real database before each statement, but not before a failed one")
    func beforeStatement() throws {
        let real = try SQLiteDatabase()
        try real.executeScript("CREATE TABLE log (entry TEXT)")
        let wrapped = FaultInjectingDatabase(wrapping: real, failingStatement: 2)
        wrapped.beforeStatement = { sql, database throws(DatabaseError) in
            if sql.hasPrefix("INSERT") { try database.execute("INSERT INTO log VALUES ('before')") }
        }
        try wrapped.execute("INSERT INTO log VALUES ('first')")
        #expect(throws: DatabaseError.self) { try wrapped.execute("INSERT INTO log VALUES ('second')") }
        let entries = try real.query("SELECT entry FROM log ORDER BY rowid").map { try $0.string("entry") }
        #expect(entries == ["before", "first"], "the hook's change lands first; the failed statement runs neither")
        #expect(wrapped.trace == ["INSERT INTO log VALUES ('first')", "INSERT INTO log VALUES ('second')"], "the hook's own statement is not traced")
    }

    @Test("a write to a table is told apart from reads and from writes to other tables, in any case and spacing")
    func writesToTable() {
        #expect(FaultInjectingDatabase.writes("update  Products set stock = 1", to: "products"))
        #expect(FaultInjectingDatabase.writes("INSERT INTO billing.customers (user_id) VALUES ($1)", to: "customers"))
        #expect(!FaultInjectingDatabase.writes("SELECT stock FROM products", to: "products"))
        #expect(!FaultInjectingDatabase.writes("UPDATE customers SET balance_cents = 0", to: "products"))
    }
}
