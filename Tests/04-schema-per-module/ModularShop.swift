import Database
import SchemaPerModuleAuth
import SchemaPerModuleKit
import Testing
import WorkbookKit

/// A fresh modular shop for one check: module schemas, auth migrated, billing migrated by the
/// implementation under test, and billing listening to auth's "user registered".
final class ModularShop {
    let database: ModularDatabase
    let auth: AuthModule
    let billing: BillingFunctions
    let implementation: Implementation
    /// The engine under the shop, named in every failure: SQL one engine accepts may fail on the other.
    let engine: Engine

    /// With `listening` false, billing never hears auth's "user registered": auth knows users
    /// that billing does not, the state between an event's publication and its handling.
    init(_ implementation: Implementation, on location: DatabaseLocation, listening: Bool = true) throws {
        database = try ModularDatabase(at: location, recycled: true)
        engine = location.engine
        auth = AuthModule(connection: database.connection(for: .auth))
        try auth.migrate(to: 1)
        billing = implementation.billing
        self.implementation = implementation
        let connection = database.connection(for: .billing)
        do {
            try billing.migrate(connection)
        } catch let error as DatabaseError where error.sql?.uppercased().contains("REFERENCES BILLING.") == true {
            throw MigrationFailed(error: error)
        }
        let billing = billing
        if listening { auth.onUserRegistered { try billing.handle($0, connection) } }
    }

    var billingConnection: any Database { database.connection(for: .billing) }

    func register(_ user: UserID, _ email: String) throws {
        try auth.register(user, email: email, name: user.rawValue.capitalized)
    }

    /// Records a charge and says how it went; a database error keeps its SQL in the description.
    func charge(_ charge: Charge) throws -> ChargeOutcome {
        do {
            try billing.record(charge, billingConnection)
            return .recorded
        } catch let error as BillingError {
            return .refused(error)
        } catch let error as NotAttempted {
            throw error
        } catch {
            return .failed(String(describing: error))
        }
    }

    func summary(_ user: UserID) throws -> SummaryOutcome {
        do {
            return .summary(try billing.summary(user, billingConnection, auth))
        } catch let error as NotAttempted {
            throw error
        } catch {
            return .failed(String(describing: error))
        }
    }
}

enum ChargeOutcome: Hashable, CustomStringConvertible {
    case recorded
    case refused(BillingError)
    case failed(String)

    var description: String {
        switch self {
        case .recorded: "recorded"
        case .refused(let error): "refused: \(error)"
        case .failed(let error): "failed: \(error)"
        }
    }
}

enum SummaryOutcome: Hashable, CustomStringConvertible {
    case summary(InvoiceSummary?)
    case failed(String)

    var description: String {
        switch self {
        case .summary(let summary): summary.map { "\($0)" } ?? "nil (no such customer)"
        case .failed(let error): "failed: \(error)"
        }
    }
}

/// The one migration mistake the contract warns about, named: a schema inside `REFERENCES`.
struct MigrationFailed: Error, CustomStringConvertible {
    let error: DatabaseError
    var description: String {
        "migrateBilling failed: \(error)\n  In a REFERENCES clause write the bare table name, `REFERENCES customers (user_id)`: SQLite takes no schema there, and the reference stays in billing's schema."
    }
}
