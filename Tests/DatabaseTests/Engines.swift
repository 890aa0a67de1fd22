import Database
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The engines the port's tests run on: SQLite always, PostgreSQL when `DATABASE_URL` names a server.
enum Engines {
    static let postgresURL: String? = {
        let environment = getenv("DATABASE_URL").map { ["DATABASE_URL": String(cString: $0)] } ?? [:]
        guard case .postgres(let url) = DatabaseLocation.postgres(in: environment) else { return nil }
        return url
    }()

    static let skipReason: Comment = "PostgreSQL tests skipped: set DATABASE_URL=postgres://USER@127.0.0.1:PORT/DB to run them"

    static let available: [Engine] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    /// A fresh, empty database of that engine. On PostgreSQL each caller gets a schema of its own,
    /// so that tests running in parallel on one server never see each other's tables.
    static func open(_ engine: Engine) throws -> any Database {
        switch engine {
        case .sqlite:
            return try SQLiteDatabase()
        case .postgres:
            return try PostgresDatabase.scratch(url: try #require(postgresURL))
        }
    }

    /// The column type for bytes on this engine.
    static func blobType(_ engine: Engine) -> String { engine == .postgres ? "BYTEA" : "BLOB" }
}

/// Says once, visibly, that the PostgreSQL half of the port's tests did not run.
@Test(
    "the Database port's tests also run on PostgreSQL",
    .enabled(if: Engines.postgresURL != nil, Engines.skipReason))
func postgresIsTested() throws {
    let database = try Engines.open(.postgres)
    #expect(database.engine == .postgres)
}
