import Database

/// The shape of the exercise's entry point, so that a lesson or a test can hold either the
/// reference or the student's implementation.
public typealias PlaceOrder = (OrderRequest, any Database) throws -> OrderReceipt

/// Where the student's work lives, for pointers and messages.
public enum Exercise01 {
    public static let number = "01"
    public static let file = "Exercises/01-monolith-order/PlaceOrder.swift"
    public static let function = "placeOrder(_:in:)"
}
