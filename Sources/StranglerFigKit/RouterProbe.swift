import WorkbookKit

extension Attempt {
    /// Whether a router is written: either of its entry points stops throwing `NotAttempted`.
    public static func isAttempted(route: @escaping RouteFunction, bucket: @escaping @Sendable (String, String) throws -> Int) -> Bool {
        isAttempted(anyOf: [
            { _ = try route(RouteRequest(method: "GET", path: "/", tenant: nil), MigrationPlan()) },
            { _ = try bucket("probe", "probe") },
        ])
    }
}
