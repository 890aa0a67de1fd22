/// Tells whether the student has started an exercise, by probing its entry point once.
public enum Attempt {
    /// False only when `probe` throws ``NotAttempted``; any other outcome — a result, another
    /// error — means the student has replaced the stub.
    public static func isAttempted(_ probe: () throws -> Void) -> Bool {
        do {
            try probe()
            return true
        } catch is NotAttempted {
            return false
        } catch {
            return true
        }
    }

    /// Whether any of several entry points is written: a student may start with any of them.
    public static func isAttempted(anyOf probes: [() throws -> Void]) -> Bool {
        probes.contains { probe in isAttempted(probe) }
    }

    /// The same for entry points that must be awaited.
    public static func isAttempted(anyOf probes: [() async throws -> Void]) async -> Bool {
        for probe in probes {
            do {
                try await probe()
                return true
            } catch is NotAttempted {
                continue
            } catch {
                return true
            }
        }
        return false
    }

    /// `attempted`, passed through; an exercise not attempted yet is remembered, and the test
    /// process ends with one line naming the first of them (`NotAttemptedYet`): the pointer
    /// each one prints comes at any point among hundreds of lines.
    public static func noting(_ attempted: Bool, exercise: String, file: String) -> Bool {
        if !attempted { NotAttemptedYet.note(exercise: exercise, file: file) }
        return attempted
    }

    /// The pointer printed once when an exercise is not attempted yet.
    public static func notAttemptedMessage(exercise: String, file: String) -> String {
        "Exercise \(exercise) not attempted yet: open \(file)"
    }
}
