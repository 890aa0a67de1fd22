/// A typed identifier: a customer's id cannot be passed where a product's is expected.
public struct Identifier<Entity>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Identifies a customer of the shop.
public typealias CustomerID = Identifier<Customer>
/// Identifies a product in the catalog.
public typealias ProductID = Identifier<Product>
/// Identifies an order; the client chooses it, so that a retried request can be recognised.
public typealias OrderID = Identifier<OrderRecord>
