import Database
import SchemaPerModuleKit

/// The auth module: users, their e-mail addresses, and the public API other modules use.
///
/// Its tables are its own business. Version 2 of its schema renames `users.email` to
/// `users.email_address`; because no other module reads the table, only this file changes with it.
public final class AuthModule: AuthAPI {
    private let database: any Database
    private var listeners: [(UserRegistered) throws -> Void] = []

    /// Auth's migrations, in order.
    public static let migrations = [
        "CREATE TABLE auth.users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL)",
        "ALTER TABLE auth.users RENAME COLUMN email TO email_address",
    ]

    /// Works through `connection`, which must be auth's own.
    public init(connection: any Database) {
        database = connection
    }

    /// Migrates auth's schema up to `version` (1: `email`; 2: `email_address`).
    public func migrate(to version: Int = AuthModule.migrations.count) throws {
        try Migrations.apply(Array(Self.migrations.prefix(version)), module: .auth, on: database)
    }

    /// Calls `listener` after every registration commits.
    public func onUserRegistered(_ listener: @escaping (UserRegistered) throws -> Void) {
        listeners.append(listener)
    }

    /// Registers a user and tells the listeners.
    public func register(_ user: UserID, email: String, name: String) throws {
        try database.execute(
            "INSERT INTO auth.users (id, \(try emailColumn()), display_name) VALUES ($1, $2, $3)",
            .text(user.rawValue), .text(email), .text(name))
        let event = UserRegistered(user: user, email: email)
        for listener in listeners { try listener(event) }
    }

    /// Changes a user's e-mail address.
    public func changeEmail(of user: UserID, to email: String) throws {
        try database.execute("UPDATE auth.users SET \(try emailColumn()) = $1 WHERE id = $2", .text(email), .text(user.rawValue))
    }

    public func email(of user: UserID) throws -> String? {
        let column = try emailColumn()
        return try database.query("SELECT \(column) AS email FROM auth.users WHERE id = $1", .text(user.rawValue)).first?.string("email")
    }

    /// Which column holds the address at the schema version auth is at.
    private func emailColumn() throws -> String {
        let version = try database.query("SELECT MAX(version) AS version FROM auth.schema_migrations").first?.optionalInt("version") ?? 0
        return version >= 2 ? "email_address" : "email"
    }
}
