/// Thrown by every exercise stub until the student writes the body.
///
/// The graded tests use it to tell "not attempted yet" from "wrong": an exercise whose entry
/// point still throws it is skipped with a pointer to the file; a piece that still throws it
/// inside an attempted exercise fails its checks with "not implemented yet: …".
public struct NotAttempted: Error, Sendable, Hashable, CustomStringConvertible {
    /// The function still to write, as Swift names it: `placeOrder(_:in:)`.
    public let function: String
    /// The file to open, from the workbook's root: `Exercises/01-monolith-order/PlaceOrder.swift`.
    public let file: String

    public init(function: String, file: String) {
        self.function = function
        self.file = file
    }

    public var description: String { "not implemented yet: \(function) (open \(file))" }
}
