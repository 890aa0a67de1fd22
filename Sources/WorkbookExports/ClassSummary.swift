import Foundation
import WorkbookGrading

/// Across a class, how many students passed each check: the check most of them fail is what
/// the next lecture should be about.
package struct ClassSummary {
    package struct Row: Equatable {
        package let exercise: String
        package let check: String
        package var passed = 0
        package var students = 0
        package var share: Double { students == 0 ? 0 : Double(passed) / Double(students) }
    }

    package private(set) var rows: [Row] = []

    package init() {}

    /// Counts one student's grades: every check listed counts, passed or not (a student who
    /// did not attempt an exercise is counted as not passing its checks).
    package mutating func add(_ grades: [ExerciseGrade]) {
        for grade in grades {
            for check in grade.checks {
                if !rows.contains(where: { $0.exercise == grade.number && $0.check == check.name }) {
                    rows.append(Row(exercise: grade.number, check: check.name))
                }
                let index = rows.firstIndex { $0.exercise == grade.number && $0.check == check.name }!
                rows[index].students += 1
                if check.status == .passed { rows[index].passed += 1 }
            }
        }
    }

    /// The checks by pass rate, lowest first; ties in exercise order.
    package var hardestFirst: [Row] {
        rows.enumerated().sorted { ($0.element.share, $0.offset) < ($1.element.share, $1.offset) }.map(\.element)
    }

    package var csv: String {
        let lines =
            [["exercise", "check", "passed", "students", "pass rate"]]
            + hardestFirst.map { [$0.exercise, $0.check, "\($0.passed)", "\($0.students)", String(format: "%.2f", $0.share)] }
        return lines.map { $0.map(Gradebook.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
