import Database
import Foundation
import Testing

@Suite("A lesson drops and recreates only the tables a lesson made")
struct LessonTablesTests {
    static let create = "CREATE TABLE notes (id BIGINT PRIMARY KEY); CREATE TABLE tags (note BIGINT REFERENCES notes (id))"

    @Test("a lesson's own tables are dropped and made again, empty", arguments: Engines.available)
    func ownTablesAreRecreated(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        try LessonTables.recreate(["tags", "notes"], on: database, create: Self.create)
        try database.executeScript("INSERT INTO notes VALUES (1); INSERT INTO tags VALUES (1)")
        try LessonTables.recreate(["tags", "notes"], on: database, create: Self.create)
        #expect(try database.query("SELECT id FROM notes").isEmpty)
        #expect(try database.query("SELECT note FROM tags").isEmpty)
    }

    @Test("a table of the same name that no lesson made is left as it was, and named", arguments: Engines.available)
    func foreignTableIsKept(_ engine: Engine) throws {
        let database = try Engines.open(engine)
        // SQLite's names ignore case: NOTES is the table `notes` would drop.
        try database.executeScript("CREATE TABLE NOTES (body TEXT); INSERT INTO NOTES VALUES ('mine')")
        let error = #expect(throws: ForeignTablesError.self) {
            try LessonTables.recreate(["tags", "notes"], on: database, create: Self.create)
        }
        #expect(error?.tables == ["notes"])
        #expect(error?.description.contains("notes") == true)
        #expect(try database.query("SELECT body FROM notes").map { try $0.string("body") } == ["mine"])
        // Nothing was created either: not even the other table.
        #expect(throws: DatabaseError.self) { try database.query("SELECT note FROM tags") }
    }

    @Test("a table a lesson made in one run is still its own in the next connection")
    func markerOutlivesTheConnection() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-tables-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try LessonTables.recreate(["tags", "notes"], on: SQLiteDatabase(path: file), create: Self.create)
        let again = try SQLiteDatabase(path: file)
        try again.executeScript("INSERT INTO notes VALUES (7)")
        try LessonTables.recreate(["tags", "notes"], on: again, create: Self.create)
        #expect(try again.query("SELECT id FROM notes").isEmpty)
    }

    @Test(
        "on PostgreSQL a lesson works in a schema of its own, beside a user's table of the same name in public",
        .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
    func postgresLessonSchema() throws {
        let url = try #require(Engines.postgresURL)
        let tag = UInt32.random(in: 0...UInt32.max)
        let table = "notes_\(tag)"
        let schema = "lesson_test_\(tag)"
        let user = try PostgresDatabase(url: url)
        try user.executeScript("CREATE TABLE public.\(table) (body TEXT); INSERT INTO public.\(table) VALUES ('mine')")
        defer { _ = try? user.executeScript("DROP TABLE public.\(table)") }
        let lesson = try DatabaseLocation.postgres(url: url).open(schema: schema)
        defer { _ = try? lesson.executeScript("DROP SCHEMA \(schema) CASCADE") }
        try LessonTables.recreate([table], on: lesson, create: "CREATE TABLE \(table) (id BIGINT)")
        try lesson.executeScript("INSERT INTO \(table) VALUES (1)")
        let schemas = try user.query("SELECT table_schema FROM information_schema.tables WHERE table_name = $1 ORDER BY 1", .text(table))
        #expect(try schemas.map { try $0.string("table_schema") } == [schema, "public"].sorted())
        #expect(try user.query("SELECT body FROM public.\(table)").map { try $0.string("body") } == ["mine"])
    }
}
