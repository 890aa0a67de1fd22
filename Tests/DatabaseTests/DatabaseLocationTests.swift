import Database
import Foundation
import Testing

/// Where a lesson's database lives, read from `--database` or `DATABASE_URL`: a URL is never
/// mistaken for a file name, and no password is printed or becomes a file.
@Suite("database locations read from --database and DATABASE_URL")
struct DatabaseLocationParsingTests {
    @Test("a postgres URL in any letter case names a server, written lowercase for libpq")
    func schemeCase() {
        #expect(DatabaseLocation("POSTGRES://u@127.0.0.1/db") == .postgres(url: "postgres://u@127.0.0.1/db"))
        #expect(DatabaseLocation("PostgreSQL://u@127.0.0.1/db") == .postgres(url: "postgresql://u@127.0.0.1/db"))
        #expect(DatabaseLocation("shop.sqlite") == .sqlite(path: "shop.sqlite"))
        #expect(DatabaseLocation("shop.sqlite").problem == nil && DatabaseLocation(":memory:").problem == nil)
    }

    @Test(
        "a URL of another scheme or a libpq connection string is refused, before any file is made, and printed without its password",
        arguments: ["postgresql+psycopg://ada:s3cret@127.0.0.1/shop", "mysql://ada:s3cret@127.0.0.1/shop", "host=127.0.0.1 password=s3cret dbname=shop"])
    func refused(_ text: String) throws {
        let location = DatabaseLocation(text)
        let problem = try #require(location.problem, "\(text) must be refused")
        #expect(!problem.contains("s3cret") && !location.description.contains("s3cret"), "the password is printed: \(problem)")
        let error = #expect(throws: DatabaseError.self) { try location.open() }
        #expect(error?.message.contains("s3cret") == false)
        #expect(throws: DatabaseError.self) { try location.openScratch() }
        #expect(!FileManager.default.fileExists(atPath: text), "opening \(text) made a file of that name")
    }
}
