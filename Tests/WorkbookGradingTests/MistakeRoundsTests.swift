import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

@Suite("Committed mistakes, graded one of each exercise per build")
struct MistakeRoundsTests {
    static func mistake(_ number: String, _ name: String) -> Mistake {
        Mistake(lesson: Lesson(number: number, slug: "\(number)-x", title: "X"), name: name, files: ["File.swift"], summary: name)
    }

    @Test("each round holds at most one mistake of each exercise, every mistake is in one round, in order")
    func rounds() {
        let mistakes = [
            Self.mistake("01", "a"), Self.mistake("01", "b"), Self.mistake("01", "c"), Self.mistake("02", "d"), Self.mistake("03", "e"),
            Self.mistake("03", "f"),
        ]
        let rounds = Mistake.rounds(mistakes)
        #expect(rounds.map { $0.map(\.name) } == [["a", "d", "e"], ["b", "f"], ["c"]])
        #expect(Mistake.rounds([]).isEmpty)
    }

    @Test("a round's submission is every reference with each of its mistakes' files in place")
    func submission() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mistake-rounds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try Catalog(root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        let all = Mistake.all(of: catalog.exercises, in: catalog)
        let round = try #require(Mistake.rounds(all.filter { !$0.mustPass }).first)
        #expect(round.count == catalog.exercises.count)
        let place = try Mistake.submission(of: round, in: catalog, at: root)
        for lesson in catalog.exercises {
            let mistake = try #require(round.first { $0.lesson.slug == lesson.slug })
            for file in catalog.swiftFiles(in: lesson.exerciseDirectory, under: place) {
                let planted = try String(contentsOf: place.appendingPathComponent(lesson.exerciseDirectory).appendingPathComponent(file), encoding: .utf8)
                let source = mistake.files.contains(file) ? "\(mistake.folder)/\(file)" : "\(lesson.solutionDirectory)/\(file)"
                #expect(planted == (try String(contentsOf: catalog.root.appendingPathComponent(source), encoding: .utf8)), "\(lesson.slug)/\(file)")
            }
        }
    }
}
