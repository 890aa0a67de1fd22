import Shop

/// A charge to a billing customer.
public struct Charge: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: String
    public let user: UserID
    public let amount: Cents

    public init(id: String, user: UserID, amount: Cents) {
        self.id = id
        self.user = user
        self.amount = amount
    }

    public var description: String { "charge \(id): \(amount) to \(user)" }
}

/// What billing sends a customer: who, where, how many charges, how much in all.
public struct InvoiceSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    public let user: UserID
    /// From auth's public API, at the time of the summary.
    public let email: String
    public let charges: Int
    public let total: Cents

    public init(user: UserID, email: String, charges: Int, total: Cents) {
        self.user = user
        self.email = email
        self.charges = charges
        self.total = total
    }

    public var description: String { "\(user) <\(email)>: \(charges) charge(s), \(total)" }
}

/// Why billing refused a call.
public enum BillingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Billing has no customer for this user (auth never told it about them).
    case unknownCustomer(UserID)
    /// A charge with this id was already recorded.
    case duplicateCharge(String)
    /// A charge must be for a positive amount.
    case invalidAmount(Cents)

    public var description: String {
        switch self {
        case .unknownCustomer(let user): "billing has no customer \(user)"
        case .duplicateCharge(let id): "charge \(id) was already recorded"
        case .invalidAmount(let amount): "a charge must be positive, got \(amount)"
        }
    }
}
