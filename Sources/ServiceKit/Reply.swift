/// A successful HTTP status does not mean success: a 2xx answer whose body carries an `error`
/// field is an `errorBody`. Treat it as the failure it reports, never as the value you hoped for.
public enum Reply<Value: Sendable & Equatable>: Sendable, Equatable {
    /// A 2xx answer with the value asked for.
    case ok(Value)
    /// A 2xx answer whose body says the operation failed.
    case errorBody(String)
}
