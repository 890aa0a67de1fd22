import Shop

/// A user of the shop, as auth knows them.
public enum User {}

/// Identifies a user. Auth calls them users; billing calls the same person a customer.
public typealias UserID = Identifier<User>

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
