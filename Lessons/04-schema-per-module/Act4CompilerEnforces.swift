import Foundation
import LessonKit
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
    showSeedLinter(narrator)
    narrator.notice(
        "the source's linter reads the syntax tree, but only the `module` field of `from … import` nodes, compared by prefix: every spelling it does not expect gets through. Here the package manifest is the boundary: billing's target does not list auth's implementation, so no spelling of the import compiles, and a test fails on any new edge (the test suite proves it can fail with a deliberately violating package)."
    )
}

/// The source material's linter, run on imports planted in billing: which ones it reports.
private func showSeedLinter(_ narrator: Narrator) {
    narrator.step("The source material's linter (tools/check_boundaries.py, translated), run on imports planted in billing/:")
    let planted: [(line: String, node: SeedImportLinter.Node, breaksTheBoundary: Bool)] = [
        ("from auth.models import User", .importFrom(module: "auth.models"), true),
        ("import auth.models", .importNames(["auth.models"]), true),
        ("from auth import models", .importFrom(module: "auth"), true),
        ("from auth.public_internal import token_for", .importFrom(module: "auth.public_internal"), true),
        ("models = importlib.import_module(\"auth.models\")", .other, true),
        ("from auth.public import get_user", .importFrom(module: "auth.public"), false),
    ]
    var missed = 0
    let rows = planted.map { entry -> [String] in
        let reported = SeedImportLinter.violation(in: "billing", entry.node) != nil
        if entry.breaksTheBoundary && !reported { missed += 1 }
        let verdict = reported == entry.breaksTheBoundary ? "✓" : "✗ missed"
        return [entry.line, entry.breaksTheBoundary ? "yes" : "no (auth's public API)", reported ? "reported" : "passed", verdict]
    }
    narrator.table(["in billing/", "crosses the boundary?", "the source's linter", ""], rows)
    narrator.failed("the linter missed \(missed) of \(planted.filter(\.breaksTheBoundary).count) imports of auth's internals")
}
