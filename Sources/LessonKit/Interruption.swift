import Foundation
import UnixSignals
import WorkbookKit

/// Ctrl-C, handled so that it runs the same cleanup as a normal end.
///
/// `run` starts the work as a task and watches for SIGINT, SIGTERM and SIGHUP (through
/// swift-service-lifecycle's `UnixSignals`). The first signal cancels the work: every `await`
/// in it sees the cancellation, so it unwinds. Then, interrupted or not, `cleanup` runs: it stops
/// the children, removes the folders and drops the scratch databases the work created. After an
/// interruption the process exits with 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP), as a shell
/// reports a process stopped by that signal. A second signal, a second or more after the first,
/// exits at once, cleanup or not.
public enum Interruption {
    /// Runs `work`, then `cleanup`; see the type's description. Rethrows the work's error after
    /// the cleanup; `name` says what stopped, in the message printed after an interruption.
    public static func run(
        _ name: String,
        _ work: sending @escaping () async throws -> Void,
        cleanup: () async -> Void
    ) async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm, .sighup)
        let task = Task { try await work() }
        let caught = Locked<UnixSignal?>(nil)
        let watcher = Task {
            var iterator = signals.makeAsyncIterator()
            guard let first = await iterator.next() else { return }
            caught.withLock { $0 = first }
            task.cancel()
            let caughtAt = ContinuousClock.now
            while await iterator.next() != nil {
                // One Ctrl-C can arrive twice: sent to the process and to its process group.
                guard ContinuousClock.now - caughtAt > .seconds(1) else { continue }
                Terminal.printError("\n\(name): stopped by a second signal before its cleanup ended.")
                exit(code(for: first))
            }
        }
        let result = await task.result
        await cleanup()
        watcher.cancel()
        if let signal = caught.withLock({ $0 }) {
            Terminal.printError("\n\(name): stopped by \(signal); what it started is stopped and removed.")
            exit(code(for: signal))
        }
        try result.get()
    }

    private static func code(for signal: UnixSignal) -> Int32 {
        switch signal {
        case .sighup: 129
        case .sigterm: 143
        default: 130
        }
    }
}
