#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exercises a test process found not attempted yet. Its last line names the first of them,
/// after Swift Testing's summary, so that a student who runs `swift test` on a fresh clone ends
/// on the one thing to do next.
enum NotAttemptedYet {
    /// Exercise number → the file to open.
    private static let found = Locked<[String: String]>([:])

    static func note(exercise: String, file: String) {
        let first = found.withLock { found in
            defer { found[exercise] = file }
            return found.isEmpty
        }
        // The line comes as the process exits: no test framework hook runs after the summary.
        if first { atexit { NotAttemptedYet.printFirst() } }
    }

    static var line: String? {
        guard let (exercise, file) = found.withLock({ $0.min { $0.key < $1.key } }) else { return nil }
        return "Next: exercise \(exercise) is the first not attempted yet. Open \(file), then run swift run workbook grade \(exercise)."
    }

    private static func printFirst() {
        if let line { print("\n" + line) }
    }
}
