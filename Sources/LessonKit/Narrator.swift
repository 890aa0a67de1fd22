import ArgumentParser
import WorkbookKit

/// Tells a lesson's story on the terminal: acts, steps, ✓/✗ outcomes, notices and small tables.
///
/// Every line goes through `write`, so tests can capture the narration. Colour is used only
/// when ``Terminal/wantsColour`` says so.
public struct Narrator: Sendable {
    private let colour: Bool
    private let write: @Sendable (String) -> Void
    /// The acts that stopped on an error, in order.
    private let stopped = Locked<[Int]>([])

    public init(colour: Bool = Terminal.wantsColour, write: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.colour = colour
        self.write = write
    }

    /// The lesson's title, once at the start.
    public func title(_ text: String) {
        write(paint(text, .bold))
        write(paint(String(repeating: "═", count: text.count), .dim))
    }

    /// The start of an act: a numbered heading.
    public func act(_ number: Int, _ title: String) {
        write("")
        write(paint("Act \(number) · \(title)", .bold, .cyan))
    }

    /// Plain prose.
    public func say(_ text: String) { write(text) }

    /// Something the lesson is about to do.
    public func step(_ text: String) { write(paint("→ ", .dim) + text) }

    /// An outcome that went as it should.
    public func ok(_ text: String) { write(paint("✓ ", .green) + text) }

    /// An outcome that shows something went wrong (often on purpose, to show the pain).
    public func failed(_ text: String) { write(paint("✗ ", .red) + text) }

    /// What the student should notice about what just ran.
    public func notice(_ text: String) { write(paint("Notice: ", .bold, .yellow) + text) }

    /// A small table; numeric columns are right-aligned.
    public func table(_ headers: [String], _ rows: [[String]]) {
        for line in TextTable(headers: headers, rows: rows).lines() {
            write("  " + (line.isHeader ? paint(line.text, .bold) : line.text))
        }
    }

    private enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    private func paint(_ text: String, _ styles: Style...) -> String {
        guard colour else { return text }
        return "\u{1B}[\(styles.map(\.rawValue).joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}

extension Narrator {
    /// Ends the lesson: when an act stopped on an error, says which in a last line and exits
    /// with status 1, so that a script (or CI) running the lesson sees that it did not run whole.
    public func finish(_ lesson: String) throws {
        let acts = stopped.withLock { $0 }
        guard !acts.isEmpty else { return }
        write("")
        failed(
            "\(lesson): \(acts.count == 1 ? "act" : "acts") \(acts.map(String.init).joined(separator: ", ")) stopped before the end (see the ✗ lines above).")
        throw ExitCode.failure
    }

    private func stop(_ number: Int, _ error: any Error) {
        stopped.withLock { $0.append(number) }
        if let error = error as? NotAttempted {
            failed("This act needs a piece you have not written yet: \(error)")
        } else {
            failed("The act stopped: \(error)")
        }
    }

    /// Runs one act under its heading. An error ends the act with a one-line message — a piece of
    /// the exercise not written yet, or anything else — never the lesson with a stack trace.
    public func act(_ number: Int, _ title: String, _ body: () throws -> Void) {
        guard !Task.isCancelled else { return }
        act(number, title)
        do {
            try body()
        } catch {
            stop(number, error)
        }
    }

    /// Runs one async act under its heading, as the synchronous `act` does.
    /// Once Ctrl-C has cancelled the lesson, it runs no further act and prints no failure for
    /// the act it interrupted.
    public func act(_ number: Int, _ title: String, _ body: () async throws -> Void) async {
        guard !Task.isCancelled else { return }
        act(number, title)
        do {
            try await body()
        } catch  where Task.isCancelled {
            return
        } catch {
            stop(number, error)
        }
    }
}
