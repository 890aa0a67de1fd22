import Foundation
import ProcessKit

/// Payments as a module of the monolith, before and after its team renames `amountCents`:
/// the module and its caller, type-checked together by `swiftc`, as one build does.
enum MonolithCompile {
    static let checkout = """
        func checkout() -> Int {
            charge(ChargeRequest(customerID: "ada", amountCents: 14_999))
        }

        """

    static func payments(field: String) -> String {
        """
        struct ChargeRequest {
            var customerID: String
            var \(field): Int
        }

        func charge(_ request: ChargeRequest) -> Int { request.\(field) }

        """
    }

    /// Type-checks the caller with payments' request field named `field`, in `folder`: nil when
    /// it compiles, else the compiler's first error, without the folder's path.
    static func firstError(field: String, in folder: URL) async throws -> String? {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try payments(field: field).write(to: folder.appendingPathComponent("Payments.swift"), atomically: true, encoding: .utf8)
        try checkout.write(to: folder.appendingPathComponent("Checkout.swift"), atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("swiftc.log")
        let ending = try await GroupRun.run(
            "swiftc", ["-typecheck", folder.appendingPathComponent("Payments.swift").path, folder.appendingPathComponent("Checkout.swift").path],
            log: log, limit: .seconds(120))
        guard ending != .exited(0) else { return nil }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let line = output.split(separator: "\n").first { $0.contains("error:") }.map(String.init) ?? "swiftc ended with \(ending)"
        return line.replacingOccurrences(of: folder.path + "/", with: "")
    }
}
