import Database
import LessonKit
import SchemaPerModuleAuth
import SchemaPerModuleExercise
import SchemaPerModuleKit
import Shop
import WorkbookKit

/// What every act needs: the narrator, the billing module under study, where the database is.
struct Stage {
    let narrator: Narrator
    let billing: Implementation
    let location: DatabaseLocation
    let seed: UInt64

    /// The billing module under study.
    var functions: BillingFunctions {
        switch billing {
        case .reference: Reference.billing
        case .student:
            BillingFunctions(
                migrate: SchemaPerModuleExercise.migrateBilling, handle: SchemaPerModuleExercise.handleUserRegistered,
                record: SchemaPerModuleExercise.recordCharge, summary: SchemaPerModuleExercise.invoiceSummary)
        }
    }

    /// A modular shop with auth and billing migrated and wired, and two users with a few charges.
    func modularShop(separate: Set<Module> = []) throws -> (database: ModularDatabase, auth: AuthModule) {
        let database = try ModularDatabase(at: location, separate: separate)
        let auth = AuthModule(connection: database.connection(for: .auth))
        try auth.migrate(to: 1)
        let billingConnection = database.connection(for: .billing)
        try functions.migrate(billingConnection)
        let handle = functions.handle
        auth.onUserRegistered { try handle($0, billingConnection) }
        try auth.register("ada", email: "ada@example.com", name: "Ada Lovelace")
        try auth.register("grace", email: "grace@example.com", name: "Grace Hopper")
        for charge in charges() { try functions.record(charge, billingConnection) }
        return (database, auth)
    }

    /// Act 1's one database for every module: in memory, a file beside the module files when
    /// `--database` names a directory, or a scratch schema on PostgreSQL.
    func sharedDatabase() throws -> any Database {
        guard case .sqlite(let path) = location, path != ":memory:" else { return try location.openScratch() }
        return try SQLiteDatabase(path: ModuleFiles(path: path).fresh("shared.sqlite"))
    }

    /// The run's charges, from its seed.
    func charges() -> [Charge] {
        var random = SeededRandom(seed: seed)
        return (1...5).map { number in
            Charge(id: "ch-\(number)", user: number % 2 == 0 ? "grace" : "ada", amount: Cents(Int.random(in: 500...20_000, using: &random)))
        }
    }

    /// Prints billing's invoice summaries for both users, or the error that stopped them.
    func showInvoices(_ connection: any Database, _ auth: any AuthAPI) {
        for user: UserID in ["ada", "grace"] {
            do {
                if let summary = try functions.summary(user, connection, auth) {
                    narrator.ok("invoice: \(summary)")
                } else {
                    narrator.failed("no invoice for \(user)")
                }
            } catch {
                narrator.failed("invoice of \(user) failed: \(error)")
            }
        }
    }

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ act: (Stage) throws -> Void) {
        narrator.act(number, title) { try act(self) }
    }
}
