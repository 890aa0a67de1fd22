import Database

/// Another checkout that changes the shop at the worst moment: just before the order's first
/// statement that writes `table`, it runs `sql` once, through the fault injector's
/// `beforeStatement` hook.
///
/// That moment is the race the lesson warns about: every read of a check-then-act checkout is
/// done and none of its writes is. On PostgreSQL (read committed) a concurrent checkout can
/// commit exactly there; SQLite's `BEGIN IMMEDIATE` never lets it, so the check plays it on the
/// order's own connection. The competitor therefore joins the order's transaction: a refused
/// order rolls it back too.
final class CompetingCheckout {
    /// The connection to give the order.
    let database: FaultInjectingDatabase
    /// The order's statement the competitor ran before, once it has run.
    private(set) var ranBefore: String?

    convenience init(wrapping real: any Database, beforeFirstWriteTo table: String, sql: String, parameters: [SQLValue]) {
        self.init(wrapping: real, sql: sql, parameters: parameters) { statement, _ in FaultInjectingDatabase.writes(statement, to: table) }
    }

    /// Runs `sql` once, before the first statement for which `moment` is true (it is given the
    /// statement and the real connection, as it is just before that statement).
    init(wrapping real: any Database, sql: String, parameters: [SQLValue], at moment: @escaping (String, any Database) -> Bool) {
        database = FaultInjectingDatabase(wrapping: real)
        database.beforeStatement = { [unowned self] statement, real throws(DatabaseError) in
            guard ranBefore == nil, moment(statement, real) else { return }
            ranBefore = statement
            try real.execute(sql, parameters)
        }
    }
}
