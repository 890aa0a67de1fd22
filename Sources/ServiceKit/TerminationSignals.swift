import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM, handled on a dispatch queue instead of killing the process at once.
public enum TerminationSignals {
    // Written only while installing the handlers, at start-up; kept so the sources stay alive.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Returns when SIGINT or SIGTERM arrives: how a server started from a terminal or by its
    /// parent knows it is time to stop.
    public static func wait() async {
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        install { continuation.yield() }
        for await _ in signals { return }
    }

    /// Calls `handler` on every SIGINT or SIGTERM from now on.
    public static func install(_ handler: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }
}

/// For a child service: exit when the parent that started it is gone (it was killed, or it
/// crashed), so that no service outlives its lesson.
public func exitWhenParentExits() {
    let parent = getppid()
    Thread.detachNewThread {
        while getppid() == parent { usleep(200_000) }
        exit(0)
    }
}
