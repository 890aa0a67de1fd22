import Foundation

/// The compile-time boundary: which targets each module's target may depend on, checked against
/// the package graph that SwiftPM itself reports (`swift package describe --type json`).
public enum ModuleGraph {
    /// The allowed dependencies of the modules' targets. Billing (the exercise and its reference)
    /// sees the modules' public API (the kit), never auth's implementation.
    public static let allowed: [String: Set<String>] = [
        "SchemaPerModuleKit": ["Database", "LessonKit", "Shop", "WorkbookKit"],
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch path of its own, so that it never waits for the lock of a build in progress.
        process.arguments = ["swift", "package", "--package-path", root.path, "--scratch-path", scratch.path, "describe", "--type", "json"]
        // SwiftPM leaves a TemporaryDirectory.XXXXXX folder in $TMPDIR on every call (measured);
        // give it a folder of ours and remove that afterwards.
        let temporary = scratch.appendingPathComponent("tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { _, ours in ours }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unreadable(description: "swift package describe failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        struct Description: Decodable {
            struct Target: Decodable {
                let name: String
                let target_dependencies: [String]?
                let product_dependencies: [String]?
            }
            let targets: [Target]
        }
        let description = try JSONDecoder().decode(Description.self, from: data)
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
