/// Why a client made no connection, read from SwiftNIO's error, in a few words for a caller:
/// nobody listening, or no connection at all. Nil for any other error (a deadline, a connection
/// closed mid-request), which leaves a request in doubt.
enum ConnectFailure {
    static func reason(_ error: any Error) -> String? {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return "connection refused"
        }
        if text.contains("NIOConnectionError") || text.contains("connectTimeout") { return "could not connect" }
        return nil
    }
}
