import CircuitBreakerKit
import LessonKit

/// What every act needs.
struct Stage: Sendable {
    let narrator: Narrator
    let makeBreaker: @Sendable (BreakerSettings) -> any Breaker
    let requests: Int
    let seed: UInt64
    /// The checkout's deadline for the payment provider.
    let timeout = Duration.milliseconds(250)

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ act: (Stage) async throws -> Void) async {
        await narrator.act(number, title) { try await act(self) }
    }
}
