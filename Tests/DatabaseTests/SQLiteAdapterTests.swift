import Database
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("SQLite adapter")
struct SQLiteAdapterTests {
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

    @Test("connections to a shared in-memory database of one name see each other's writes, and no other name's; no file is made")
    func sharedInMemory() throws {
        let name = "shared-\(UInt64.random(in: 0...UInt64.max))"
        let first = try SQLiteDatabase(sharedInMemory: name)
        let second = try SQLiteDatabase(sharedInMemory: name)
        let other = try SQLiteDatabase(sharedInMemory: name + "-other")
        try first.executeScript("CREATE TABLE seen (value TEXT); INSERT INTO seen VALUES ('written by the first')")
        #expect(try second.query("SELECT value FROM seen").first?.string("value") == "written by the first")
        #expect(throws: DatabaseError.self) { try other.query("SELECT value FROM seen") }
        #expect(access("file:\(name)?mode=memory&cache=shared", F_OK) != 0)
        #expect(access(name, F_OK) != 0)
    }

    @Test("a service's file is created and seeded on its first start only; a restart keeps what it holds")
    func serviceRestart() throws {
        let path = "/tmp/monolith-first-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        var creations = 0
        let create: (any Database) throws -> Void = { database in
            creations += 1
            try database.executeScript("CREATE TABLE accounts (value INTEGER); INSERT INTO accounts VALUES (100)")
        }
        do {
            let first = try DatabaseLocation.sqlite(path: path).openService(unlessItHas: "accounts", create: create)
            try first.execute("UPDATE accounts SET value = 40")
        }
        let restarted = try DatabaseLocation.sqlite(path: path).openService(unlessItHas: "accounts", create: create)
        #expect(creations == 1)
        #expect(try restarted.query("SELECT value FROM accounts").map { try $0.int("value") } == [40])
    }

    @Test("a database that cannot be opened is a connection error naming the path")
    func cannotOpen() {
        let error = #expect(throws: DatabaseError.self) { try SQLiteDatabase(path: "/no/such/directory/shop.sqlite") }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("/no/such/directory/shop.sqlite") == true)
    }
}
