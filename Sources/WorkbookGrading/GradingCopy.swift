import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookKit

/// A private copy of this workbook with a student's exercises in it, for grading: the student's
/// `Exercises/` files only — their tests, solutions and manifest are never used.
///
/// The copy and its build folder live under `.build/workbook/` and are reused, so that each
/// student costs only the rebuild of what their exercises touch. Two traps, measured: SwiftPM can
/// miss a file replaced within the same second as the last build, so every copied exercise file
/// gets a modification time after the last build; and a build folder moved to another path breaks
/// Swift's module cache, so the copy never moves.
package struct GradingCopy {
    package let checkout: URL
    package let scratch: URL
    /// Held while this copy is in use: see ``GradingLock``.
    package let lock: GradingLock
    /// Exercises of the submission that were not copied, by slug, with the reasons (a link, a
    /// device, a folder named like a file): the grader refuses them.
    package private(set) var refused: [String: [String]] = [:]

    package init(workbook: Catalog, submission: URL, lessons: [Lesson], onWait: (String) -> Void = { Terminal.writeLine("→ " + $0) }) throws {
        let base = workbook.root.appendingPathComponent(".build/workbook")
        lock = try GradingLock(file: base.appendingPathComponent("lock"), onWait: onWait)
        checkout = base.appendingPathComponent("checkout")
        scratch = base.appendingPathComponent("build")
        let manager = FileManager.default
        let files = try Self.workbookFiles(of: workbook.root).filter { !$0.hasPrefix("Exercises/") }
        for file in files {
            try Self.copyIfChanged(workbook.root.appendingPathComponent(file), to: checkout.appendingPathComponent(file))
        }
        // A file the workbook renamed or removed since the last grade would still be compiled.
        let kept = Set(files)
        let copied = FileManager.default.enumerator(atPath: checkout.path)?.compactMap { $0 as? String } ?? []
        for stale in copied where !stale.hasPrefix("Exercises/") && stale.hasSuffix(".swift") && !kept.contains(stale) {
            try manager.removeItem(at: checkout.appendingPathComponent(stale))
        }
        let after = Date().addingTimeInterval(2)
        for lesson in workbook.exercises {
            let target = checkout.appendingPathComponent(lesson.exerciseDirectory)
            try manager.createDirectory(at: target, withIntermediateDirectories: true)
            // A student who deleted an exercise folder gets the shipped stub, so that the rest still builds.
            let theirs = submission.appendingPathComponent(lesson.exerciseDirectory)
            let problems = Self.notPlainFiles(in: submission, lesson.exerciseDirectory)
            if !problems.isEmpty { refused[lesson.slug] = problems }
            let source =
                problems.isEmpty && manager.fileExists(atPath: theirs.path) ? theirs : workbook.root.appendingPathComponent(lesson.exerciseDirectory)
            let files = workbook.swiftFiles(in: lesson.exerciseDirectory, under: source.deletingLastPathComponent().deletingLastPathComponent())
            for stale in workbook.swiftFiles(in: lesson.exerciseDirectory, under: checkout) where !files.contains(stale) {
                try manager.removeItem(at: target.appendingPathComponent(stale))
            }
            // Only a changed file is replaced, so that grading one exercise rebuilds only that one.
            for file in files {
                let destination = target.appendingPathComponent(file)
                if let old = try? Data(contentsOf: destination), let new = try? Data(contentsOf: source.appendingPathComponent(file)), old == new {
                    continue
                }
                try? manager.removeItem(at: destination)
                try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: source.appendingPathComponent(file), to: destination)
                try manager.setAttributes([.modificationDate: after], ofItemAtPath: destination.path)
            }
        }
    }

    /// What in `folder` (a path below `submission`, and the folders on the way to it) is not a
    /// plain file or folder, or is a folder named like a Swift file: a submission is files, and a
    /// link could point at the reference in the grading copy.
    package static func notPlainFiles(in submission: URL, _ folder: String) -> [String] {
        let manager = FileManager.default
        var problems: [String] = []
        var path = ""
        for part in folder.split(separator: "/") {
            path += (path.isEmpty ? "" : "/") + part
            guard let type = try? manager.attributesOfItem(atPath: submission.appendingPathComponent(path).path)[.type] as? FileAttributeType else {
                return []  // not there: the shipped stub stands in
            }
            if type != .typeDirectory { return ["\(path) is \(Self.describe(type)), not a folder"] }
        }
        func walk(_ relative: String) {
            let names = (try? manager.contentsOfDirectory(atPath: submission.appendingPathComponent(relative).path)) ?? []
            for name in names.sorted() {
                let child = relative + "/" + name
                let type = (try? manager.attributesOfItem(atPath: submission.appendingPathComponent(child).path)[.type] as? FileAttributeType) ?? nil
                switch type {
                case .typeRegular?: continue
                case .typeDirectory?:
                    if name.hasSuffix(".swift") { problems.append("\(child) is a folder where a Swift file belongs") } else { walk(child) }
                case let other?: problems.append("\(child) is \(Self.describe(other)), not a file: submit the file itself")
                case nil: problems.append("\(child) could not be read")
                }
            }
        }
        walk(folder)
        return problems
    }

    private static func describe(_ type: FileAttributeType) -> String {
        switch type {
        case .typeSymbolicLink: "a symbolic link"
        case .typeRegular: "a file"
        case .typeDirectory: "a folder"
        case .typeCharacterSpecial, .typeBlockSpecial: "a device"
        case .typeSocket: "a socket"
        default: "not a plain file"
        }
    }

    /// Puts the shipped stubs of these exercises in place of the student's files, so that an
    /// exercise that does not compile costs only itself.
    package func replaceWithStubs(_ slugs: Set<String>, workbook: Catalog) throws {
        for lesson in workbook.exercises where slugs.contains(lesson.slug) {
            let stubs = try Self.stubs(of: lesson, in: workbook)
            let target = checkout.appendingPathComponent(lesson.exerciseDirectory)
            try? FileManager.default.removeItem(at: target)
            for (file, stub) in stubs {
                let destination = checkout.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try stub.write(to: destination, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(2)], ofItemAtPath: destination.path)
            }
        }
    }

    /// The shipped stub of each file of an exercise, by path: from git's history when the workbook
    /// is a checkout, else the workbook's own files — a Gradescope bundle has no `.git`, and its
    /// `Exercises/` are the stubs as shipped.
    package static func stubs(of lesson: Lesson, in workbook: Catalog) throws -> [(String, String)] {
        if FileManager.default.fileExists(atPath: workbook.root.appendingPathComponent(".git").path),
            let tracked = try? git(["ls-files", "--", lesson.exerciseDirectory], in: workbook.root)
        {
            return try tracked.split(separator: "\n").map(String.init).map { ($0, try shippedStub(of: $0, in: workbook.root)) }
        }
        return try workbook.swiftFiles(in: lesson.exerciseDirectory).map { name in
            let file = lesson.exerciseDirectory + "/" + name
            let text = try String(contentsOf: workbook.root.appendingPathComponent(file), encoding: .utf8)
            guard text.contains("throw NotAttempted(") else {
                throw UsageError("\(file) is not the shipped stub and this workbook has no git history to find it in")
            }
            return (file, text)
        }
    }

    /// The files git tracks in the workbook (everything but `.build` and `.git` without git).
    package static func workbookFiles(of root: URL) throws -> [String] {
        // Tracked files and new ones not ignored: the workbook as it is in the working tree.
        if let listing = try? shortCommand(["git", "-C", root.path, "ls-files", "--cached", "--others", "--exclude-standard"]), listing.status == 0 {
            return listing.output.split(separator: "\n").map(String.init)
        }
        let all = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return all.filter { !$0.hasPrefix(".build") && !$0.hasPrefix(".git") && !$0.hasPrefix(".workbook") }
    }

    /// Copies a file unless the destination already holds the same bytes (keeping its time, so
    /// that an unchanged file does not trigger a rebuild).
    package static func copyIfChanged(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return }
        if let old = try? Data(contentsOf: destination), let new = try? Data(contentsOf: source), old == new { return }
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? manager.removeItem(at: destination)
        try manager.copyItem(at: source, to: destination)
    }
}
