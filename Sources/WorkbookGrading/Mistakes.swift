import Foundation
import WorkbookCatalog

/// A committed wrong (or differently right) solution of one exercise:
/// `Tests/NN-slug/Mistakes/NAME/<the exercise's files>`, each file opening with a one-line
/// comment that names the mistake. A folder named `correct-…` holds a correct solution written
/// differently from the reference: the checks must pass it. Every other folder must fail.
package struct Mistake: Sendable {
    package let lesson: Lesson
    package let name: String
    /// The files, relative to the mistake's folder, that replace the reference's.
    package let files: [String]
    /// The first line of the first file, without its `//`.
    package let summary: String

    package var mustPass: Bool { name.hasPrefix("correct-") }
    package var folder: String { "Tests/\(lesson.slug)/Mistakes/\(name)" }

    /// Every mistake of these lessons, by lesson then name.
    package static func all(of lessons: [Lesson], in catalog: Catalog) -> [Mistake] {
        lessons.flatMap { lesson -> [Mistake] in
            let base = "Tests/\(lesson.slug)/Mistakes"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: catalog.root.appendingPathComponent(base).path)) ?? []
            return names.sorted().compactMap { name in
                let files = catalog.swiftFiles(in: "\(base)/\(name)")
                guard let first = files.first else { return nil }
                let text = (try? String(contentsOf: catalog.root.appendingPathComponent("\(base)/\(name)/\(first)"), encoding: .utf8)) ?? ""
                let line = text.split(separator: "\n").first.map(String.init) ?? ""
                return Mistake(
                    lesson: lesson, name: name, files: files, summary: line.replacingOccurrences(of: "//", with: "").trimmingCharacters(in: .whitespaces))
            }
        }
    }

    /// At least `perExercise` mistakes of each exercise (and every correct variant), chosen by
    /// `key` — the commit hash in CI — so that successive commits run different ones.
    package static func sample(_ mistakes: [Mistake], perExercise: Int, key: String) -> [Mistake] {
        let byLesson = Dictionary(grouping: mistakes.filter { !$0.mustPass }, by: \.lesson.slug)
        let picked = byLesson.flatMap { _, wrong -> [Mistake] in
            Array(wrong.sorted { fnv1a("\(key):\($0.name)".utf8) < fnv1a("\(key):\($1.name)".utf8) }.prefix(perExercise))
        }
        let names = Set(picked.map(\.folder))
        return mistakes.filter { $0.mustPass || names.contains($0.folder) }
    }

    /// The mistakes in rounds of at most one per exercise, in their order: the n-th round holds
    /// each exercise's n-th mistake.
    package static func rounds(_ mistakes: [Mistake]) -> [[Mistake]] {
        var rounds: [[Mistake]] = []
        var seen: [String: Int] = [:]
        for mistake in mistakes {
            let round = seen[mistake.lesson.slug, default: 0]
            seen[mistake.lesson.slug] = round + 1
            if round == rounds.count { rounds.append([]) }
            rounds[round].append(mistake)
        }
        return rounds
    }

    /// A submission folder holding every exercise as the reference solves it, with the files of
    /// these mistakes (at most one per exercise) in place of the reference's.
    package static func submission(of mistakes: [Mistake], in catalog: Catalog, at place: URL) throws -> URL {
        precondition(Set(mistakes.map(\.lesson.slug)).count == mistakes.count, "at most one mistake per exercise")
        let manager = FileManager.default
        try? manager.removeItem(at: place)
        for other in catalog.exercises {
            try manager.createDirectory(at: place.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
            try manager.copyItem(at: catalog.root.appendingPathComponent(other.solutionDirectory), to: place.appendingPathComponent(other.exerciseDirectory))
        }
        for mistake in mistakes {
            for file in mistake.files {
                let destination = place.appendingPathComponent(mistake.lesson.exerciseDirectory).appendingPathComponent(file)
                try? manager.removeItem(at: destination)
                try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: catalog.root.appendingPathComponent(mistake.folder).appendingPathComponent(file), to: destination)
            }
        }
        return place
    }

    /// What the grade of this mistake says about the checks: nil when they did their job.
    package func problem(with grade: ExerciseGrade) -> String? {
        if !grade.referenceFailures.isEmpty { return "the reference failed \(grade.referenceFailures.joined(separator: ", "))" }
        switch grade.state {
        case .doesNotCompile(let lines):
            let mine = lines.first { $0.contains("Exercises/\(lesson.slug)/") }
            return mine.map { "does not compile: \($0)" } ?? "the workbook itself does not build, so this says nothing: \(lines.first ?? "")"
        case .notAttempted: return "was reported as not attempted"
        case .crashed, .timedOut, .incomplete: return mustPass ? "\(grade.summary)" : nil
        case .refused, .notGraded: return grade.summary
        case .graded:
            if mustPass { return grade.failing ? "a correct solution failed: \(grade.checks.first { $0.status != .passed }?.name ?? "")" : nil }
            return grade.failing ? nil : "NOT CAUGHT: all \(grade.checkCount) checks pass"
        }
    }
}
