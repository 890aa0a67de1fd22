import Foundation
import WorkbookCatalog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The grading copy's lock: one `workbook grade` or `verify` at a time uses `.build/workbook/`,
/// so that two runs never grade one student's tests against another's files. The system drops
/// the lock when its process ends, however it ends; a second run waits for it, and Ctrl-C stops
/// the wait.
package final class GradingLock {
    private let descriptor: Int32

    /// Takes the lock on `file`, waiting for a run that holds it; `onWait` is told once.
    package init(file: URL, onWait: (String) -> Void) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Not inherited by the builds and test runs the grader starts: the lock is this process's alone.
        descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw UsageError("cannot open the grading copy's lock \(file.path): \(String(cString: strerror(errno)))") }
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw UsageError("cannot lock the grading copy (\(file.path)): \(String(cString: strerror(errno)))")
            }
            if Task.isCancelled {
                close(descriptor)
                throw CancellationError()
            }
            if !told {
                onWait("another workbook grade or verify is using the grading copy (\(file.deletingLastPathComponent().path)); waiting for it to finish…")
                told = true
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
