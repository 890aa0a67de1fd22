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

    /// The pointer printed once when an exercise is not attempted yet.
    public static func notAttemptedMessage(exercise: String, file: String) -> String {
        "Exercise \(exercise) not attempted yet: open \(file)"
    }
}
