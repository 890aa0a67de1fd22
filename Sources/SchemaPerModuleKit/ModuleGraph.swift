import Foundation
import ProcessKit

/// The compile-time boundary: which targets each module's target may depend on, checked against
/// the package graph that SwiftPM itself reports (`swift package describe --type json`).
public enum ModuleGraph {
    /// The allowed dependencies of the modules' targets. Billing (the exercise and its reference)
    /// sees the modules' public API (the kit), never auth's implementation.
    public static let allowed: [String: Set<String>] = [
        "SchemaPerModuleKit": ["Database", "LessonKit", "ProcessKit", "Shop", "WorkbookKit"],
        "SchemaPerModuleAuth": ["SchemaPerModuleKit", "Database"],
        "SchemaPerModuleExercise": ["SchemaPerModuleKit", "Database", "Shop", "WorkbookKit"],
        "SchemaPerModuleSolution": ["SchemaPerModuleKit", "Database", "Shop", "WorkbookKit"],
    ]

    /// Why the graph could not be read.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every target of the package at `root` and the targets and products it depends on.
    public static func dependencies(ofPackageAt root: URL) throws -> [String: Set<String>] {
        // One scratch path for every call, kept with the package's own build products: a fresh
        // one would fetch every dependency again.
        let scratch = root.appendingPathComponent(".build/monolith-first-describe")
        // SwiftPM leaves a TemporaryDirectory.XXXXXX folder in $TMPDIR on every call (measured);
        // give it a folder of ours and remove that afterwards.
        let temporary = scratch.appendingPathComponent("tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        // A scratch path of its own, so that it never waits for the lock of a build in progress.
        let described = try runToEnd(
            ["swift", "package", "--package-path", root.path, "--scratch-path", scratch.path, "describe", "--type", "json"],
            environment: ["TMPDIR": temporary.path])
        guard described.status == 0 else {
            throw Unreadable(description: "swift package describe failed: \(described.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        struct Description: Decodable {
            struct Target: Decodable {
                let name: String
                let target_dependencies: [String]?
                let product_dependencies: [String]?
            }
            let targets: [Target]
        }
        let description = try JSONDecoder().decode(Description.self, from: Data(described.output.utf8))
        return Dictionary(
            uniqueKeysWithValues: description.targets.map {
                ($0.name, Set(($0.target_dependencies ?? []) + ($0.product_dependencies ?? [])))
            })
    }

    /// One line per dependency of a module's target that the allowed table does not list.
    public static func violations(in graph: [String: Set<String>], allowed: [String: Set<String>] = allowed) -> [String] {
        allowed.keys.sorted().flatMap { target in
            (graph[target] ?? []).subtracting(allowed[target]!).sorted().map { "\(target) depends on \($0), which it may not" }
        }
    }
}
