import Foundation
import WorkbookKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every child this process started, so that Ctrl-C stops them too.
public enum ChildRegistry {
    private static let children = Locked<Set<pid_t>>([])

    static func add(_ pid: pid_t) { children.withLock { _ = $0.insert(pid) } }
    static func remove(_ pid: pid_t) { children.withLock { _ = $0.remove(pid) } }

    /// Stops every child still running.
    public static func stopAll() {
        for pid in children.withLock({ $0 }) { ChildService.terminate(pid) }
    }

    /// On Ctrl-C (SIGINT) or SIGTERM: stop the children, then exit with 130.
    public static func stopChildrenOnInterrupt() {
        TerminationSignals.install {
            stopAll()
            print("\nInterrupted: the services this lesson started are stopped.")
            exit(130)
        }
    }
}
