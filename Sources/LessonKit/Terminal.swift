#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about where the workbook's output goes.
public enum Terminal {
    /// Colour only on a terminal, never with `NO_COLOR` set (https://no-color.org) or `TERM=dumb`.
    public static var wantsColour: Bool {
        if let noColour = getenv("NO_COLOR"), noColour.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Writes to standard error, for messages that are not part of the narration.
    public static func printError(_ message: String) {
        emit(message.hasSuffix("\n") ? message : message + "\n", to: STDERR_FILENO)
    }

    private static func emit(_ line: String, to descriptor: Int32) {
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

extension Terminal {
    /// The values of the named environment variables that are set.
    public static func environment(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}

extension Terminal {
    /// Writes one line straight to standard output, unbuffered: progress reaches a log or a pipe
    /// as it happens.
    public static func writeLine(_ text: String) {
        emit(text + "\n", to: STDOUT_FILENO)
    }
}
