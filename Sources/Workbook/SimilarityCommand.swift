import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading
import WorkbookSimilarity

/// `workbook similarity NN --student PATH…`: which students' solutions to one exercise are alike
/// beyond chance, so that an instructor can look before grading.
struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Compare every pair of students' solutions to one exercise, as MOSS and JPlag do.",
        discussion: """
            Reads every Swift file of each student's Exercises/NN-slug/ (each file the grader compiles) as tokens with identifiers and literals \
            made alike (renaming hides nothing), removes what the shipped stub already contains, and \
            compares winnowed fingerprints (runs of 12 tokens; any shared run of 19 tokens is found, \
            wherever it sits in the file). Prints the pairs at or above the threshold with the lines \
            they share. The reference solution is compared too, as "the reference (Solutions/)": \
            every checkout holds it. A high figure is a reason to read both files, not a verdict.
            """)

    @Argument(help: "The exercise number, e.g. 03.")
    var exercise: String

    @Option(parsing: .upToNextOption, help: "Two or more student checkouts.")
    var student: [String] = []

    @Option(parsing: .unconditional, help: "Report pairs whose similarity is at least this share (0…1).")
    var threshold = 0.5

    /// The name the reference solution goes by in the pairs.
    static let reference = "the reference (Solutions/)"

    func validate() throws {
        guard student.count >= 2 else { throw ValidationError("give at least two --student checkouts to compare") }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold is a share between 0 and 1, e.g. 0.5") }
    }

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.withSolutions(for: "workbook similarity")
            let lesson = try catalog.select([exercise])[0]
            let students = try Students(paths: student)
            let prefix = lesson.exerciseDirectory + "/"
            let stubs = Dictionary(
                uniqueKeysWithValues: try GradingCopy.stubs(of: lesson, in: catalog).map { (String($0.0.dropFirst(prefix.count)), $0.1) })
            // The reference is compared too: every student's checkout holds it (the lessons run it),
            // so a solution copied from Solutions/ shows as a pair with it.
            let reference = Submission(name: Self.reference, files: catalog.swiftFiles(in: lesson.solutionDirectory), stubs: stubs) { file in
                try? String(contentsOf: catalog.root.appendingPathComponent(lesson.solutionDirectory).appendingPathComponent(file), encoding: .utf8)
            }
            let submissions =
                [reference]
                + students.all.map { student in
                    // Every Swift file the grader compiles, not only the shipped names: a copy moved
                    // into a file of its own is still compared.
                    Submission(name: student.name, files: catalog.swiftFiles(in: lesson.exerciseDirectory, under: student.checkout), stubs: stubs) { file in
                        try? String(contentsOf: student.checkout.appendingPathComponent(lesson.exerciseDirectory).appendingPathComponent(file), encoding: .utf8)
                    }
                }
            for student in students.all {
                for problem in GradingCopy.notPlainFiles(in: student.checkout, lesson.exerciseDirectory) {
                    Terminal.writeLine("\(student.name): \(problem) — the grader refuses it; it is compared as what it points at")
                }
            }
            report(Submission.pairs(submissions), students: submissions, lesson: lesson)
        }
    }

    private func report(_ pairs: [Submission.Pair], students: [Submission], lesson: Lesson) {
        let narrator = Narrator(write: Terminal.writeLine)
        narrator.title("Similarity · exercise \(lesson.number) · \(students.count - 1) students and the reference, \(pairs.count) pairs")
        narrator.say(
            "similarity: the share of the smaller solution's fingerprints (runs of \(Fingerprints.k) tokens, identifiers and literals made alike, the stub's removed) that the other has too."
        )
        for submission in students where submission.fingerprints == 0 {
            narrator.say("\(submission.name): nothing beyond the stub to compare")
        }
        let flagged = pairs.filter { $0.similarity >= threshold }
        if flagged.isEmpty {
            narrator.ok("no pair at or above \(percent(threshold))")
        } else {
            narrator.table(
                ["pair", "similarity", "lines of the first", "lines of the second"],
                flagged.map { pair in
                    ["\(pair.first) ~ \(pair.second)", percent(pair.similarity), pair.firstLines, pair.secondLines]
                })
            narrator.notice("\(flagged.count) pair(s) at or above \(percent(threshold)): read those lines side by side before grading.")
        }
        // A disguise can push a copy just under any threshold: the pairs within ten points of it are listed too.
        let near = pairs.filter { $0.similarity < threshold && $0.similarity >= threshold - 0.1 && $0.similarity > 0 }
        if !near.isEmpty {
            narrator.say("Just below the threshold (within 10 points): worth a look too.")
            narrator.table(
                ["pair", "similarity", "lines of the first", "lines of the second"],
                near.map { pair in ["\(pair.first) ~ \(pair.second)", percent(pair.similarity), pair.firstLines, pair.secondLines] })
        } else if let highest = pairs.first(where: { $0.similarity < threshold }) {
            narrator.say("The most alike pair below the threshold: \(highest.first) ~ \(highest.second), \(percent(highest.similarity)).")
        }
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
