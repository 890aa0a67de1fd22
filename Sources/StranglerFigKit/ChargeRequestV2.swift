/// What POST /payments/charges takes once the payments team has renamed `amountCents` to
/// `amount`: a tidy-up to them, a breaking change to every caller (lesson 06, act 6).
public struct ChargeRequestV2: Codable, Sendable, Hashable {
    public var customerID: String
    public var amount: Int
}
