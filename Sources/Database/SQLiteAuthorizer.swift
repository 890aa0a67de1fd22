import CSQLite

/// The policy behind ``SQLiteDatabase/restrictAccess(to:owner:)``: which attached databases a
/// connection may touch, and the last access it refused, to name it in the error.
final class SQLiteAuthorizer {
    let allowed: Set<String>
    let owner: String
    var lastDenial: String?

    init(allowed: Set<String>, owner: String) {
        self.allowed = allowed
        self.owner = owner
    }

    /// SQLite calls this while it compiles each statement, once per table, column or action.
    func decide(_ action: Int32, _ first: String?, _ second: String?, _ database: String?) -> Int32 {
        switch action {
        case SQLITE_ATTACH, SQLITE_DETACH:
            return deny("\(owner) may not \(action == SQLITE_ATTACH ? "attach" : "detach") databases")
        case SQLITE_ALTER_TABLE:
            return check(first, "alter", second)
        case SQLITE_READ, SQLITE_UPDATE:
            return check(database, action == SQLITE_READ ? "read" : "update", first)
        case SQLITE_INSERT: return check(database, "insert into", first)
        case SQLITE_DELETE: return check(database, "delete from", first)
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_INDEX, SQLITE_CREATE_VIEW, SQLITE_CREATE_TRIGGER:
            return check(database, "create", first)
        case SQLITE_DROP_TABLE, SQLITE_DROP_INDEX, SQLITE_DROP_VIEW, SQLITE_DROP_TRIGGER:
            return check(database, "drop", first)
        default:
            return SQLITE_OK
        }
    }

    private func check(_ database: String?, _ verb: String, _ table: String?) -> Int32 {
        // SQLite itself reads the temp schema while it compiles some statements (ALTER TABLE … RENAME).
        guard let database, !allowed.contains(database), database != "temp" else { return SQLITE_OK }
        return deny("\(owner) may not \(verb) \(database).\(table ?? "?")")
    }

    private func deny(_ reason: String) -> Int32 {
        lastDenial = reason
        return SQLITE_DENY
    }
}

extension SQLiteDatabase {
    /// From now on, refuses at compile time every statement that reads or changes a table outside
    /// the attached databases named in `allowed`, or that attaches or detaches one. SQLite's own
    /// error ("not authorized") comes back with what was refused, e.g. "billing may not read auth.users".
    public func restrictAccess(to allowed: Set<String>, owner: String) {
        let authorizer = SQLiteAuthorizer(allowed: allowed, owner: owner)
        installAuthorizer(authorizer) { context, action, first, second, database, _ in
            let authorizer = Unmanaged<SQLiteAuthorizer>.fromOpaque(context!).takeUnretainedValue()
            return authorizer.decide(
                action, first.map { String(cString: $0) }, second.map { String(cString: $0) }, database.map { String(cString: $0) })
        }
    }
}
