/// One result row, read by column name with typed accessors.
///
/// The accessors throw a ``DatabaseError`` naming the column when it is missing or holds
/// another type, so that a typo in a query fails loudly instead of reading zero.
public struct Row: Sendable, Hashable {
    /// Column names in the order the query returned them.
    public let columns: [String]
    /// Values in the same order as ``columns``.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column, or `nil` when the row has no such column.
    public subscript(column: String) -> SQLValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    /// The column as an `Int`.
    public func int(_ column: String) throws(DatabaseError) -> Int {
        switch try value(column) {
        case .integer(let value): return Int(value)
        case let other: throw mismatch(column, expected: "an integer", found: other)
        }
    }

    /// The column as an `Int`, or `nil` when it is SQL NULL.
    public func optionalInt(_ column: String) throws(DatabaseError) -> Int? {
        if try value(column) == .null { return nil }
        return try int(column)
    }

    /// The column as a `String`.
    public func string(_ column: String) throws(DatabaseError) -> String {
        switch try value(column) {
        case .text(let value): return value
        case let other: throw mismatch(column, expected: "text", found: other)
        }
    }

    /// The column as a `Double` (an integer column converts).
    public func double(_ column: String) throws(DatabaseError) -> Double {
        switch try value(column) {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case let other: throw mismatch(column, expected: "a real number", found: other)
        }
    }

    private func value(_ column: String) throws(DatabaseError) -> SQLValue {
        guard let value = self[column] else {
            throw DatabaseError(
                kind: .decoding, message: "no column \"\(column)\" in the row (columns: \(columns.joined(separator: ", ")))")
        }
        return value
    }

    private func mismatch(_ column: String, expected: String, found: SQLValue) -> DatabaseError {
        DatabaseError(kind: .decoding, message: "column \"\(column)\" holds \(found), expected \(expected)")
    }
}
