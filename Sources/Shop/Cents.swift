/// An amount of money as a whole number of cents. Never a floating-point number:
/// 0.1 + 0.2 is not 0.3 in binary floating point, and a shop's books must balance to the cent.
public struct Cents: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let value: Int

    public init(_ value: Int) { self.value = value }
    public init(integerLiteral value: Int) { self.value = value }

    public static let zero = Cents(0)

    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
    public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }

    /// The amount times a quantity, or `nil` when the product does not fit in an `Int`.
    public func times(_ quantity: Int) -> Cents? {
        let (product, overflow) = value.multipliedReportingOverflow(by: quantity)
        return overflow ? nil : Cents(product)
    }

    /// The sum, or `nil` when it does not fit in an `Int`.
    public func adding(_ other: Cents) -> Cents? {
        let (sum, overflow) = value.addingReportingOverflow(other.value)
        return overflow ? nil : Cents(sum)
    }

    /// Dollars and cents with thousands separated: `$149.99`, `$1,200.00`, `-$0.05`.
    public var description: String {
        let magnitude = value.magnitude
        let fraction = magnitude % 100
        var dollars = String(magnitude / 100)
        for index in stride(from: dollars.count - 3, to: 0, by: -3) {
            dollars.insert(",", at: dollars.index(dollars.startIndex, offsetBy: index))
        }
        return (value < 0 ? "-$" : "$") + dollars + "." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
