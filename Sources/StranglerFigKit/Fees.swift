/// The card fee the shop shows before a payment: 2.9% of the amount plus 30¢, rounded to the
/// nearest cent (half up).
public enum Fees {
    /// The fee, rounded as the monolith always has.
    public static func fee(forCents amount: Int) -> Int {
        (amount * 29 + 500) / 1000 + 30
    }

    /// The fee as the first version of the extracted service computed it: truncated, a cent
    /// short about half the time. Planted for the shadow comparison to find.
    public static func truncatedFee(forCents amount: Int) -> Int {
        amount * 29 / 1000 + 30
    }
}

/// What GET /payments/fees answers.
public struct FeeQuote: Codable, Sendable, Hashable {
    public var amountCents: Int
    public var feeCents: Int
}

/// What POST /payments/charges takes.
public struct ChargeRequest: Codable, Sendable, Hashable {
    public var customerID: String
    public var amountCents: Int

    public init(customerID: String, amountCents: Int) {
        self.customerID = customerID
        self.amountCents = amountCents
    }
}

/// What POST /payments/charges answers.
public struct ChargeReceipt: Codable, Sendable, Hashable {
    public var customerID: String
    public var amountCents: Int
    public var balanceCents: Int
    /// Which side took the money.
    public var chargedBy: String
}
