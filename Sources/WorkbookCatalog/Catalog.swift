import Foundation

/// One lesson of the workbook, found from its folder: `Lessons/NN-slug` is the single source of
/// truth; the executable, the modules and the exercise's files all follow from the slug.
package struct Lesson: Sendable, Hashable {
    /// "01"
    package let number: String
    /// "01-monolith-order"
    package let slug: String
    /// From the first heading of the lesson text.
    package let title: String

    package init(number: String, slug: String, title: String) {
        self.number = number
        self.slug = slug
        self.title = title
    }

    /// `swift run <executable>`
    package var executable: String { String(slug.drop { $0 != "-" }.dropFirst()) }
    /// "MonolithOrder"
    package var modulePrefix: String {
        executable.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
    /// The graded tests' module.
    package var testModule: String { modulePrefix + "Tests" }
    package var exerciseDirectory: String { "Exercises/\(slug)" }
    package var solutionDirectory: String { "Solutions/\(slug)" }
    package var hintsFile: String { "Lessons/\(slug)/hints.md" }
}

/// The workbook's lessons, read from a checkout.
package struct Catalog {
    package let root: URL
    package let lessons: [Lesson]

    /// Reads `Lessons/` under `root`; fails with a clear message when it is not a workbook.
    package init(root: URL) throws {
        self.root = root
        let folder = root.appendingPathComponent("Lessons")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw UsageError("\(root.path) is not a Monolith First checkout: it has no Lessons/ folder")
        }
        lessons = names.filter { $0.range(of: #"^\d\d-[a-z0-9-]+$"#, options: .regularExpression) != nil }.sorted().map { slug in
            let text = (try? String(contentsOf: folder.appendingPathComponent("\(slug)/README.md"), encoding: .utf8)) ?? ""
            let heading = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? slug
            let title = heading.range(of: " · ").map { String(heading[$0.upperBound...]) } ?? heading
            return Lesson(number: String(slug.prefix(2)), slug: slug, title: title)
        }
    }

    /// Lessons that have an exercise folder.
    package var exercises: [Lesson] {
        lessons.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0.exerciseDirectory).path) }
    }

    /// Whether the lesson measures figures for `workbook bench`: it has a `Bench.swift`, the
    /// hidden `bench` subcommand that lists and measures them.
    package func hasFigures(_ lesson: Lesson) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("Lessons/\(lesson.slug)/Bench.swift").path)
    }

    /// The lessons named by number ("1", "01"), or every exercise when none is named.
    package func select(_ numbers: [String]) throws -> [Lesson] {
        if numbers.isEmpty { return exercises }
        return try numbers.map { number in
            let padded = number.count == 1 ? "0" + number : number
            guard let lesson = exercises.first(where: { $0.number == padded }) else {
                throw UsageError("no exercise \(number); the exercises are \(exercises.map(\.number).joined(separator: ", "))")
            }
            return lesson
        }
    }

    /// The `.swift` files of a folder, relative to it, sorted.
    package func swiftFiles(in directory: String, under base: URL? = nil) -> [String] {
        let folder = (base ?? root).appendingPathComponent(directory)
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted()
    }

    /// A digest of the exercise's files as they are now: a grade taken with another digest is stale.
    package func fingerprint(of lesson: Lesson) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in swiftFiles(in: lesson.exerciseDirectory) {
            let bytes = (try? Data(contentsOf: root.appendingPathComponent(lesson.exerciseDirectory).appendingPathComponent(file))) ?? Data()
            hash = fnv1a(Array(file.utf8) + [0] + Array(bytes), from: hash)
        }
        return String(hash, radix: 16)
    }

    /// Whether the exercise's tests run on PostgreSQL too when `DATABASE_URL` is set.
    package func hasPostgresChecks(_ lesson: Lesson) -> Bool {
        checkSources(of: lesson).contains { $0.contains("DATABASE_URL") }
    }

    /// Whether some of the exercise's generated checks compare with the reference itself (or, in
    /// the student edition, with its recorded outcomes), so that a replay seed's input can be
    /// judged only where the reference is.
    package func comparesWithReference(_ lesson: Lesson) -> Bool {
        checkSources(of: lesson).contains { $0.contains("RecordedOutcomes(") || $0.contains(".enabled(if: Implementation.referenceShipped") }
    }

    /// The text of each Swift file of the exercise's checks, without the committed mistakes.
    private func checkSources(of lesson: Lesson) -> [String] {
        swiftFiles(in: "Tests/\(lesson.slug)").filter { !$0.hasPrefix("Mistakes/") }.map { file in
            (try? String(contentsOf: root.appendingPathComponent("Tests/\(lesson.slug)/\(file)"), encoding: .utf8)) ?? ""
        }
    }

    /// The names of the exercise's checks as its test files write them (`@Test("…"`), without
    /// the committed mistakes'.
    package func checkNames(of lesson: Lesson) -> Set<String> {
        var names = Set<String>()
        for text in checkSources(of: lesson) {
            for match in text.matches(of: /@Test\(\s*"((?:[^"\\]|\\.)*)"/) {
                names.insert(String(match.1).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\"))
            }
        }
        return names
    }

    /// The checkout that contains the current directory.
    /// The checkout around the current folder, for an instructor's `command`: it must have
    /// Solutions/, which the student edition (`workbook edition`) holds out.
    package static func withSolutions(for command: String) throws -> Catalog {
        let catalog = try current()
        guard FileManager.default.fileExists(atPath: catalog.root.appendingPathComponent("Solutions").path) else {
            throw UsageError(
                "\(command) needs the reference solutions, which this student edition holds out: run it in the instructor's copy of the workbook")
        }
        return catalog
    }

    package static func current() throws -> Catalog {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                FileManager.default.fileExists(atPath: directory.appendingPathComponent("Lessons").path)
            {
                return try Catalog(root: directory)
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path {
                throw UsageError("run the workbook command inside a Monolith First checkout (no Package.swift with Lessons/ found here or above)")
            }
            directory = parent
        }
    }
}

/// A mistake in how the command was called: printed without a stack trace, exit code 64.
package struct UsageError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
