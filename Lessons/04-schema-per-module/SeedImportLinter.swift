/// The source material's import linter (`tools/check_boundaries.py`), translated line by line,
/// to run it on imports planted in billing and show which ones it misses.
///
/// It walks Python's syntax tree and reads each import node's `module` attribute: only
/// `from X import Y` nodes (`ast.ImportFrom`) have one; `import X` nodes (`ast.Import`) keep
/// theirs in `names`, so `getattr(node, "module", "")` gives "". It is the lesson's foil.
enum SeedImportLinter {
    /// An import as Python's `ast` holds it.
    enum Node {
        /// `import a.b` — `ast.Import(names=[…])`, no `module` attribute.
        case importNames([String])
        /// `from a.b import c` — `ast.ImportFrom(module="a.b")`.
        case importFrom(module: String)
        /// Anything that is not an import statement, such as a call to `importlib.import_module`.
        case other
    }

    static let allowedImports: [String: Set<String>] = [
        "order": ["auth.public", "catalog.public", "shared"],
        "billing": ["auth.public", "shared"],
        "catalog": ["shared"],
        "auth": ["shared"],
    ]

    /// The linter's check of one node in `moduleName`'s files: the violation it reports, or nil.
    static func violation(in moduleName: String, _ node: Node) -> String? {
        switch node {
        case .importFrom(let module): check(moduleName, module: module)
        case .importNames: check(moduleName, module: "")  // getattr(node, "module", "") or ""
        case .other: nil  // the linter only looks at Import and ImportFrom nodes
        }
    }

    private static func check(_ moduleName: String, module: String) -> String? {
        let allowed = allowedImports[moduleName] ?? []
        for otherModule in allowedImports.keys.sorted() where otherModule != moduleName {
            if module.hasPrefix("\(otherModule).") && !allowed.contains(where: { module.hasPrefix($0) }) {
                return "'\(moduleName)' imports '\(module)' (only \(allowed.sorted()) allowed)"
            }
        }
        return nil
    }
}
