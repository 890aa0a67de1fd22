import Database
import WorkbookKit

/// Billing's four entry points as values, so that a lesson or a test can hold either the
/// reference's or the student's.
public struct BillingFunctions: Sendable {
    public let migrate: @Sendable (any Database) throws -> Void
    public let handle: @Sendable (UserRegistered, any Database) throws -> Void
    public let record: @Sendable (Charge, any Database) throws -> Void
    public let summary: @Sendable (UserID, any Database, any AuthAPI) throws -> InvoiceSummary?

    public init(
        migrate: @escaping @Sendable (any Database) throws -> Void,
        handle: @escaping @Sendable (UserRegistered, any Database) throws -> Void,
        record: @escaping @Sendable (Charge, any Database) throws -> Void,
        summary: @escaping @Sendable (UserID, any Database, any AuthAPI) throws -> InvoiceSummary?
    ) {
        self.migrate = migrate
        self.handle = handle
        self.record = record
        self.summary = summary
    }

    /// Whether any of the four entry points is past its stub.
    public var isAttempted: Bool {
        guard let shop = try? ModularDatabase(at: .sqlite(path: ":memory:")) else { return false }
        let billing = shop.connection(for: .billing)
        return Attempt.isAttempted(anyOf: [
            { try migrate(billing) },
            { try handle(UserRegistered(user: "probe", email: "probe@example.com"), billing) },
            { try record(Charge(id: "probe", user: "probe", amount: 0), billing) },
            { _ = try summary("probe", billing, NoUsers()) },
        ])
    }
}

/// An auth that knows nobody, for the probe.
private final class NoUsers: AuthAPI {
    func email(of user: UserID) throws -> String? { nil }
}
