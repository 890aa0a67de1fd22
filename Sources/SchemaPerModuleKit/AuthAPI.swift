/// Identifies a user of the shop. Auth calls them users; billing calls the same person a customer.
public struct UserID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Auth's public API: the only way another module learns anything about a user.
public protocol AuthAPI: AnyObject {
    /// The user's e-mail address, or `nil` for an unknown user.
    func email(of user: UserID) throws -> String?
}

/// Auth says: this user registered. Billing reacts by creating its customer.
public struct UserRegistered: Sendable, Hashable, Codable {
    public let user: UserID
    public let email: String

    public init(user: UserID, email: String) {
        self.user = user
        self.email = email
    }
}
