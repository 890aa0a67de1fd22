import Foundation
import ProcessKit
import WorkbookCatalog

/// Whether a built exercise reaches code its target does not declare: the reference solutions,
/// the graded checks, the lessons, the grader. A target can import any module that happens to be
/// built already, and the grading copy builds the references beside the student's code, so the
/// manifest alone does not stop `import SchemaPerModuleSolution`.
///
/// Read from what the compiler wrote, not from the source (which can spell an import in many
/// ways): the dependency files (`*.d`) name every module the exercise's files loaded, and the
/// undefined symbols of its object files name every function they call — one declared with
/// `@_silgen_name` to reach a reference by its mangled name included — and the calls that look
/// code up by a name made at run time (`dlsym`, `_typeByName`, `NSClassFromString`).
package struct ReferenceReach {
    /// The build folder's products (`.build/debug`).
    package let products: URL
    /// Every exercise of the workbook: their solutions' and checks' modules are off limits.
    package let exercises: [Lesson]

    package init(products: URL, exercises: [Lesson]) {
        self.products = products
        self.exercises = exercises
    }

    /// Modules no exercise may load: each lesson's reference, checks and lesson executable, and
    /// the grader's own libraries.
    var forbiddenModules: Set<String> {
        Set(exercises.flatMap { [$0.modulePrefix + "Solution", $0.modulePrefix + "Tests", $0.modulePrefix + "Lesson"] }).union([
            "GradingKit", "WorkbookGrading", "WorkbookCatalog", "WorkbookExports", "WorkbookSimilarity", "WorkbookSite", "WorkbookTemplate", "Workbook",
        ])
    }

    /// Calls that find code by a name made at run time, which no exercise needs.
    static let lookups = ["dlsym", "dlvsym", "dlopen", "dlmopen", "NSClassFromString", "objc_getClass", "objc_lookUpClass", "_typeByName"]

    /// The reasons each of `slugs` is refused, by slug; an exercise that reaches nothing is absent.
    package func audit(_ slugs: Set<String>) -> [String: [String]] {
        var refused: [String: [String]] = [:]
        for lesson in exercises where slugs.contains(lesson.slug) {
            let reasons = reasons(for: lesson)
            if !reasons.isEmpty { refused[lesson.slug] = reasons }
        }
        return refused
    }

    func reasons(for lesson: Lesson) -> [String] {
        let folder = products.appendingPathComponent(lesson.modulePrefix + "Exercise.build")
        // The outputs of this build's sources only: a file an earlier submission had leaves its
        // object and dependency file behind in the folder.
        let map =
            (try? Data(contentsOf: folder.appendingPathComponent("output-file-map.json")))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: [String: String]] } ?? [:]
        let outputs = map.values.flatMap { [$0["dependencies"], $0["object"]].compactMap { $0 } }.sorted()
        let forbidden = forbiddenModules
        var reasons: [String] = []
        var loaded = Set<String>()
        for file in outputs where file.hasSuffix(".d") {
            let text = (try? String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)) ?? ""
            for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) {
                guard let module = Self.module(of: String(token)) else { continue }
                if forbidden.contains(module) { loaded.insert(module) }
            }
        }
        reasons += loaded.sorted().map { "Exercises/\(lesson.slug) imports \($0), which is not yours to use (only the modules its target declares are)" }
        // A library's symbols name their module first, as its length and name: "23SchemaPerModuleSolution".
        let mangled = forbidden.subtracting(["Workbook"]).map { ($0, "\($0.utf8.count)\($0)") }
        let objects = outputs.filter { $0.hasSuffix(".o") }.map { URL(fileURLWithPath: $0) }
        // One file of the exercise calling another leaves an undefined symbol in the caller's object.
        let own = Set(objects.flatMap { Self.symbols(of: $0, undefined: false) })
        var called = Set<String>()
        for object in objects {
            for symbol in Self.symbols(of: object, undefined: true) where !own.contains(symbol) {
                let bare = symbol.hasPrefix("_$") ? String(symbol.dropFirst()) : symbol
                if bare.hasPrefix("$s"), let module = mangled.first(where: { bare.contains($0.1) })?.0 {
                    called.insert("code of \(module)")
                } else if Self.lookups.contains(where: { bare == $0 || bare == "_" + $0 || (bare.hasPrefix("$s") && bare.contains($0)) }) {
                    called.insert("a lookup of code by name (\(Self.lookups.first { bare.contains($0) } ?? bare))")
                }
            }
        }
        reasons += called.sorted().map { "Exercises/\(lesson.slug) calls \($0), which an exercise may not" }
        return reasons
    }

    /// The module a dependency file's path names: `…/Modules/X.swiftmodule`, `…/X.swiftmodule/…`.
    static func module(of path: String) -> String? {
        for part in path.split(separator: "/") where part.hasSuffix(".swiftmodule") {
            return String(part.dropLast(".swiftmodule".count))
        }
        return nil
    }

    /// The undefined (or the defined) symbols of an object file, from the toolchain's `llvm-nm` (or `nm`).
    static func symbols(of object: URL, undefined: Bool) -> [String] {
        guard let nm = nm, let listing = try? shortCommand([nm, undefined ? "-u" : "--defined-only", "-j", object.path]), listing.status == 0 else {
            return []
        }
        return listing.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `llvm-nm` beside the `swift` on PATH, else `nm` on PATH.
    static let nm: String? = {
        if let nm = Toolchain.bin?.appendingPathComponent("llvm-nm"), FileManager.default.isExecutableFile(atPath: nm.path) { return nm.path }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/nm" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }()
}
