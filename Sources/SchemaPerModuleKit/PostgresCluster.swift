import Database
import LessonKit

/// Scratch databases and roles on a PostgreSQL server, named for this run and dropped with it.
/// Roles are server-wide, so their names carry the run's tag too.
final class PostgresCluster: @unchecked Sendable {
    private let url: String
    private let control: PostgresDatabase
    private let tag = "mf\(UInt32.random(in: 0...UInt32.max))"
    private var databases: [String] = []
    private var roles: [String] = []

    init(url: String) throws {
        self.url = url
        control = try PostgresDatabase(url: url)
    }

    /// A new, empty database.
    func createDatabase() throws -> String {
        let name = "\(tag)_\(databases.count)"
        try control.executeScript("CREATE DATABASE \(name)")
        databases.append(name)
        return name
    }

    /// A role for one module, without login, that the connecting user may `SET ROLE` to.
    func createRole(for module: String, in database: String) throws -> String {
        let role = "\(tag)_\(database.split(separator: "_").last!)_\(module)"
        try control.executeScript("CREATE ROLE \(role) NOLOGIN; GRANT \(role) TO CURRENT_USER")
        roles.append(role)
        return role
    }

    /// The server URL with `database` in place of the original one.
    func url(of database: String) -> String { Self.replacingDatabase(in: url, with: database) }

    /// Drops this run's databases, then its roles. What cannot be dropped (the server went away)
    /// is said on standard error with the SQL that drops it later, never left silently.
    func dropEverything() {
        let statements =
            databases.reversed().map { "DROP DATABASE IF EXISTS \($0) WITH (FORCE);" } + roles.map { "DROP ROLE IF EXISTS \($0);" }
        var left: [String] = []
        var reason = ""
        for statement in statements {
            do { try control.executeScript(statement) } catch {
                left.append(statement)
                if reason.isEmpty { reason = error.message }
            }
        }
        guard !left.isEmpty else { return }
        Terminal.printError(
            "Could not drop this run's scratch databases and roles (\(reason)). Once the server is back, run: \(left.joined(separator: " "))")
    }

    /// `postgres://user@host:5432/shop?x=1` with `other` → `postgres://user@host:5432/other?x=1`.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let beforeQuery = rest.firstIndex(of: "?").map { rest[..<$0] } ?? rest
        let authority = beforeQuery.firstIndex(of: "/").map { beforeQuery[..<$0] } ?? beforeQuery
        return url[..<scheme.upperBound] + authority + "/" + database + query
    }
}
