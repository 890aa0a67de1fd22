import Foundation
import WorkbookCatalog

/// The checks each exercise had in its last complete run, per environment (the PostgreSQL
/// checks count only where `DATABASE_URL` is set), so that a process that dies before listing
/// them is still charged for all of them.
package struct KnownChecks {
    package let memory: Memory
    package let file: String
    package private(set) var checks: [String: [String]]

    package init(_ memory: Memory) {
        self.memory = memory
        file = ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true ? "checks-postgres.json" : "checks-sqlite.json"
        checks = memory.read(file, as: [String: [String]].self) ?? [:]
    }

    package mutating func learn(from grades: [ExerciseGrade]) {
        for grade in grades where !grade.checks.isEmpty {
            switch grade.state {
            case .graded, .notAttempted: checks[grade.slug] = grade.checks.map(\.name)
            default: break
            }
        }
    }

    package func save() throws { try memory.write(checks, to: file) }
}
