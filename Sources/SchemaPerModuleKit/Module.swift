/// The shop's modules. Each owns one schema (PostgreSQL) or one attached database (SQLite) of
/// the same name, and nothing else.
public enum Module: String, Sendable, CaseIterable, CustomStringConvertible {
    case auth, catalog, billing, orders

    /// The schema or attached database the module owns.
    public var schema: String { rawValue }
    public var description: String { rawValue }
}
