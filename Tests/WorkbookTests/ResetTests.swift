import Foundation
import Testing

@testable import Workbook
@testable import WorkbookCatalog
@testable import WorkbookGrading

/// `workbook reset`: the student's version is kept before the stub replaces it, and what the
/// workbook remembered about the exercise goes with it.
@Suite("resetting an exercise")
struct ResetTests {
    @Test("the files are copied to a new backup folder each time, and the exercise's grade and hint counter are forgotten, no other's")
    func backupAndForget() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reset-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Lessons/01-x", "Lessons/02-y", "Exercises/01-x"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "my work".write(to: root.appendingPathComponent("Exercises/01-x/A.swift"), atomically: true, encoding: .utf8)
        let catalog = try Catalog(root: root)
        let lesson = try #require(catalog.lessons.first { $0.number == "01" })
        let first = try ResetCommand.backUp(["Exercises/01-x/A.swift"], of: lesson, in: catalog)
        let second = try ResetCommand.backUp(["Exercises/01-x/A.swift"], of: lesson, in: catalog)
        #expect(first != second, "a second reset must not overwrite the first one's backup")
        for backup in [first, second] {
            let kept = try String(contentsOf: root.appendingPathComponent(backup + "Exercises/01-x/A.swift"), encoding: .utf8)
            #expect(kept == "my work", "in \(backup)")
        }

        let memory = Memory(catalog)
        let grades = ["01-x", "02-y"].map { ExerciseGrade(number: String($0.prefix(2)), slug: $0, title: $0, state: .graded, checks: []) }
        try memory.write(grades, to: "last-grade.json")
        try memory.write(["01-x": 2, "02-y": 1], to: "hints.json")
        try ResetCommand.forget(lesson, in: catalog)
        #expect(memory.read("last-grade.json", as: [ExerciseGrade].self)?.map(\.slug) == ["02-y"])
        #expect(memory.read("hints.json", as: [String: Int].self) == ["02-y": 1])
    }
}
