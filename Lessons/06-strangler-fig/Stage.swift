import LessonKit
import WorkbookKit

/// What every act needs.
struct Stage: Sendable {
    let narrator: Narrator
    let implementation: Implementation
    let seed: UInt64
    let requests: Int
    let inProcess: Bool

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ migration: Migration, _ act: (Stage, Migration) async throws -> Void) async {
        await narrator.act(number, title) { try await act(self, migration) }
    }
}
