import Foundation
import GradingKit
import SchemaPerModuleKit
import Testing
import WorkbookKit

/// The compiler's side of the boundary: the package graph has no edge the allowed table lacks.
@Suite(
    "Exercise 04 · the package graph — the workbook's own manifest, checked here and not graded (your Exercises/ cannot change it)",
    NotInTheGrade.trait)
struct ModuleGraphChecks {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("no module's target depends on another module's implementation")
    func workbookGraph() throws {
        let graph = try ModuleGraph.dependencies(ofPackageAt: Self.root)
        // The student edition holds the reference solution out: its target is not in the package.
        let expected = ModuleGraph.allowed.keys.filter { Implementation.referenceShipped || $0 != "SchemaPerModuleSolution" }
        #expect(expected.allSatisfy { graph[$0] != nil }, "every module target is in the package: \(graph.keys.sorted())")
        let violations = ModuleGraph.violations(in: graph)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("the check catches a billing target that depends on auth's implementation")
    func violatingFixture() throws {
        let fixture = FileManager.default.temporaryDirectory.appendingPathComponent("monolith-first-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fixture) }
        for target in ["SchemaPerModuleKit", "SchemaPerModuleAuth", "SchemaPerModuleExercise"] {
            let directory = fixture.appendingPathComponent("Sources/\(target)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "public let placeholder = 0\n".write(to: directory.appendingPathComponent("File.swift"), atomically: true, encoding: .utf8)
        }
        try """
        // swift-tools-version: 6.0
        import PackageDescription
        let package = Package(name: "Violating", targets: [
            .target(name: "SchemaPerModuleKit"),
            .target(name: "SchemaPerModuleAuth", dependencies: ["SchemaPerModuleKit"]),
            .target(name: "SchemaPerModuleExercise", dependencies: ["SchemaPerModuleKit", "SchemaPerModuleAuth"]),
        ])
        """.write(to: fixture.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let violations = ModuleGraph.violations(in: try ModuleGraph.dependencies(ofPackageAt: fixture))
        #expect(violations == ["SchemaPerModuleExercise depends on SchemaPerModuleAuth, which it may not"])
    }
}
