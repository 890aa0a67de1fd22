import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts processes and signals them the same way on Linux and macOS: the workbook's one place
/// for `posix_spawn`, used by the lessons' child services and by the grader's per-exercise runs.
public enum ProcessSpawn {
    /// Where the child's standard output goes; its standard input is always /dev/null.
    public enum Output: Sendable {
        /// Standard output and standard error, truncated first, to this file.
        case file(String)
        /// Standard output to `write`, the write end of a pipe; `read`, its read end, is closed in the child.
        case pipe(write: Int32, read: Int32)
    }

    /// Starts `executable` with `arguments` and this process's environment. With
    /// `newProcessGroup` the child leads a process group of its own, so that the whole group can
    /// be signalled at once.
    /// - Returns: the child's process id.
    public static func start(
        _ executable: String, _ arguments: [String], output: Output, newProcessGroup: Bool = false
    ) throws(SpawnError) -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #elseif canImport(Darwin)
        // On Darwin both are opaque pointers that the init functions allocate.
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        switch output {
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .pipe(let write, let read):
            posix_spawn_file_actions_adddup2(&actions, write, 1)
            posix_spawn_file_actions_addclose(&actions, read)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if newProcessGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var cArguments = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, environment)
        guard status == 0 else { throw SpawnError(command: executable, reason: String(cString: strerror(status))) }
        return pid
    }

    /// Sends `signal` to process `pid`, or to process group `-pid` when `pid` is negative, as
    /// kill(2) does; `signal` 0 only asks whether it exists. Answers whether it was delivered.
    @discardableResult
    public static func send(_ signal: Int32, to pid: pid_t) -> Bool {
        kill(pid, signal) == 0
    }

    /// This process's environment, which children inherit.
    private static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Glibc)
        environ
        #elseif canImport(Darwin)
        // Darwin exports no `environ` to Swift; `man environ` names this accessor.
        _NSGetEnviron().pointee
        #endif
    }
}

/// A process that could not be started.
public struct SpawnError: Error, Sendable, CustomStringConvertible {
    public let command: String
    public let reason: String
    public var description: String { "could not start \(command): \(reason)" }
}
