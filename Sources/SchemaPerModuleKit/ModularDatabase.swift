import Database
import Foundation

/// The shop's database with one schema per module, and one connection per module that the
/// database itself confines to that module's schema.
///
/// - SQLite: each module's tables live in a file of their own, attached under the module's name;
///   a module's connection has an authorizer that refuses any other attached database.
/// - PostgreSQL: a scratch database with a schema per module and a role per module that has
///   USAGE and CREATE on its own schema only; a module's connection `SET ROLE`s to it (superusers
///   and owners bypass privileges, so nothing else may be used by a module).
///
/// Modules named in `separate` get a database of their own instead: the extraction, by
/// configuration alone.
public final class ModularDatabase {
    public let engine: Engine
    /// A connection that sees every schema, for setting up and for the lesson's look at the
    /// tables. No module uses it.
    public let admin: any Database
    private var connections: [Module: any Database] = [:]
    private let teardown: () -> Void

    /// With `recycled`, on PostgreSQL, the scratch database is one an earlier shop of this
    /// process gave back, its module schemas dropped and made again, instead of a new one (see
    /// `RecycledDatabases`): for the graded checks, which make hundreds. Not with `separate`.
    public init(at location: DatabaseLocation, separate: Set<Module> = [], recycled: Bool = false) throws {
        if recycled, separate.isEmpty, case .postgres(let url) = location {
            // Not given back when this fails: the process's exit drops it.
            let scratch = try RecycledDatabases.take(url: url)
            let admin = try PostgresDatabase(url: scratch.cluster.url(of: scratch.database))
            // A connection an earlier shop left open would hold locks the drops below wait for.
            try admin.executeScript(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();
                SET lock_timeout = '10s';
                """)
            for module in Module.allCases {
                connections[module] = try Self.confine(
                    module, to: scratch.roles[module]!, owner: admin, url: scratch.cluster.url(of: scratch.database))
            }
            self.admin = admin
            engine = .postgres
            teardown = { RecycledDatabases.giveBack(scratch) }
            return
        }
        switch location {
        case .sqlite(let path):
            let files = try ModuleFiles(path: path)
            do {
                let shared = Dictionary(uniqueKeysWithValues: Module.allCases.map { ($0, files.fresh("\($0.schema).sqlite")) })
                let apart = Dictionary(uniqueKeysWithValues: separate.map { ($0, files.fresh("separate-\($0.schema).sqlite")) })
                let admin = try SQLiteDatabase()
                for module in Module.allCases where !separate.contains(module) {
                    try admin.execute("ATTACH DATABASE $1 AS \(module.schema)", .text(shared[module]!))
                }
                for module in Module.allCases {
                    let connection = try SQLiteDatabase()
                    let modules = separate.contains(module) ? [module] : Module.allCases.filter { !separate.contains($0) }
                    for attached in modules {
                        try connection.execute("ATTACH DATABASE $1 AS \(attached.schema)", .text(apart[attached] ?? shared[attached]!))
                    }
                    connection.restrictAccess(to: [module.schema], owner: module.rawValue)
                    connections[module] = connection
                }
                self.admin = admin
            } catch {
                files.removeIfTemporary()
                throw error
            }
            engine = .sqlite
            teardown = { files.removeIfTemporary() }
        case .postgres(let url):
            let cluster = try PostgresCluster(url: url)
            // A failure half-way drops what was made so far: deinit runs only after a whole init.
            let admin: PostgresDatabase
            do {
                let shared = try cluster.createDatabase()
                admin = try PostgresDatabase(url: cluster.url(of: shared))
                var databases = [shared]
                for module in Module.allCases {
                    let database = separate.contains(module) ? try cluster.createDatabase() : shared
                    if database != shared { databases.append(database) }
                    let owner = database == shared ? admin : try PostgresDatabase(url: cluster.url(of: database))
                    let role = try cluster.createRole(for: module.rawValue, in: database)
                    connections[module] = try Self.confine(module, to: role, owner: owner, url: cluster.url(of: database))
                }
            } catch {
                cluster.dropEverything()
                throw error
            }
            engine = .postgres
            self.admin = admin
            teardown = { cluster.dropEverything() }
        }
    }

    /// Gives `module` a new schema in the database `owner` is connected to (dropping one an
    /// earlier shop left there) that only `role` may use, and answers the module's connection,
    /// which works as that role in that schema.
    private static func confine(_ module: Module, to role: String, owner: PostgresDatabase, url: String) throws -> PostgresDatabase {
        try owner.executeScript(
            """
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            DROP SCHEMA IF EXISTS \(module.schema) CASCADE;
            CREATE SCHEMA \(module.schema);
            GRANT USAGE, CREATE ON SCHEMA \(module.schema) TO \(role);
            """)
        let connection = try PostgresDatabase(url: url)
        try connection.setSession("SET ROLE \(role); SET search_path TO \(module.schema)")
        return connection
    }

    deinit {
        connections.removeAll()
        teardown()
    }

    /// The connection `module` works through: it can touch its own schema and nothing else.
    public func connection(for module: Module) -> any Database { connections[module]! }
}
