import Foundation
import SchemaPerModuleKit

/// Act 4: each module is a target; the package graph may only have the edges the table allows.
func actCompilerEnforces(_ stage: Stage) throws {
    let narrator = stage.narrator
    narrator.say("Each module is its own target. Billing may depend on the modules' public API (SchemaPerModuleKit), never on auth's implementation:")
    narrator.table(["target", "may depend on"], ModuleGraph.allowed.sorted { $0.key < $1.key }.map { [$0.key, $0.value.sorted().joined(separator: ", ")] })
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
        narrator.say("(The workbook's Package.swift is not next to this binary, so the graph is not checked here; `swift test` checks it.)")
        return
    }
    narrator.step("Reading the package graph with `swift package describe --type json`:")
    let graph = try ModuleGraph.dependencies(ofPackageAt: root)
    narrator.table(["target", "depends on"], ModuleGraph.allowed.keys.sorted().map { [$0, (graph[$0] ?? []).sorted().joined(separator: ", ")] })
    let violations = ModuleGraph.violations(in: graph)
    if violations.isEmpty {
        narrator.ok("no edge outside the table: `import SchemaPerModuleAuth` in billing would not even compile (no such module)")
    } else {
        violations.forEach { narrator.failed($0) }
    }
    narrator.notice(
        "the source material's import linter checks strings in files; here the package manifest is the boundary, and a test fails on any new edge — the test suite proves it can fail with a deliberately violating package."
    )
}
