import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

@Suite("Students of a class are told apart")
struct StudentsTests {
    /// Makes `paths` (relative to a new folder) as checkouts, each with an Exercises/ folder.
    func checkouts(_ paths: [String]) throws -> (root: URL, paths: [String]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("students-\(UUID().uuidString)")
        for path in paths {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path).appendingPathComponent("Exercises"), withIntermediateDirectories: true)
        }
        return (root, paths.map { root.appendingPathComponent($0).path })
    }

    @Test("two checkouts with the default clone name get the names of the folders that hold them")
    func sameCloneName() throws {
        let (root, paths) = try checkouts(["alice/monolith-first", "bob/monolith-first"])
        defer { try? FileManager.default.removeItem(at: root) }
        let students = try Students(paths: paths)
        #expect(students.all.map(\.name) == ["alice/monolith-first", "bob/monolith-first"])
        #expect(students.all.map(\.folder) == ["alice-monolith-first", "bob-monolith-first"])
    }

    @Test("checkouts side by side keep their own names; one checkout is named by its folder")
    func sideBySide() throws {
        let (root, paths) = try checkouts(["class/ada", "class/grace", "solo/linus"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Students(paths: Array(paths.prefix(2))).all.map(\.name) == ["ada", "grace"])
        #expect(try Students(paths: [paths[2]]).all.map(\.name) == ["linus"])
        #expect(try Students(paths: [paths[0], paths[2]]).all.map(\.name) == ["class/ada", "solo/linus"])
    }

    @Test("a checkout given twice, a folder that is no checkout, and two names that would share a folder are refused")
    func refused() throws {
        let (root, paths) = try checkouts(["class/a b", "class/a_b"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: UsageError.self) { try Students(paths: [paths[0], paths[0] + "/"]) }
        #expect(throws: UsageError.self) { try Students(paths: [paths[0], root.appendingPathComponent("class/none").path]) }
        let clash = #expect(throws: UsageError.self) { try Students(paths: paths) }
        #expect(clash?.description.contains("a_b") == true)
    }
}
