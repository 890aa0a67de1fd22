import Foundation
import WorkbookKit

/// Scratch PostgreSQL databases that the graded checks use one after another instead of making
/// and dropping one per shop: `CREATE DATABASE` and `DROP DATABASE` cost about 0.1 s each on a
/// local server (measured, PostgreSQL 15), and exercise 04's checks make a fresh shop for every
/// check and generated run, so they spent most of their time there. A recycled database gets its
/// module schemas dropped and made again (milliseconds) before each shop; every one made is
/// dropped, with its roles, when the process exits.
enum RecycledDatabases {
    /// A scratch database, its roles, and the cluster that made them (and drops them).
    struct Scratch: @unchecked Sendable {
        let cluster: PostgresCluster
        let url: String
        let database: String
        let roles: [Module: String]
    }

    private static let idle = Locked<[Scratch]>([])
    private static let made = Locked<[PostgresCluster]>([])
    private static let dropsAtExit: Void = { atexit { RecycledDatabases.dropAll() } }()

    /// An idle scratch database on the server at `url`, or a new one with a role per module.
    static func take(url: String) throws -> Scratch {
        let recycled = idle.withLock { scratches -> Scratch? in
            guard let index = scratches.firstIndex(where: { $0.url == url }) else { return nil }
            return scratches.remove(at: index)
        }
        if let recycled { return recycled }
        _ = dropsAtExit
        let cluster = try PostgresCluster(url: url)
        made.withLock { $0.append(cluster) }
        let database = try cluster.createDatabase()
        var roles: [Module: String] = [:]
        for module in Module.allCases { roles[module] = try cluster.createRole(for: module.rawValue, in: database) }
        return Scratch(cluster: cluster, url: url, database: database, roles: roles)
    }

    /// `scratch` is free again.
    static func giveBack(_ scratch: Scratch) {
        idle.withLock { $0.append(scratch) }
    }

    /// Drops every scratch database and role this process made.
    static func dropAll() {
        for cluster in made.withLock({ $0 }) { cluster.dropEverything() }
    }
}
