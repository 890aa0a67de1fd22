import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
enum Ending: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut
}

/// Runs a command in a process group of its own, output (both streams) to `log`, killing the
/// whole group — `swift test` and the test binary it starts — when `limit` passes.
func spawn(_ arguments: [String], log: URL, limit: Duration? = nil) throws -> Ending {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    let command = ["/usr/bin/env"] + arguments
    var cArguments = command.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, &cArguments, environ)
    guard status == 0 else { throw UsageError("could not start \(arguments.joined(separator: " ")): \(String(cString: strerror(status)))") }

    let deadline = limit.map { ContinuousClock.now + $0 }
    var waitStatus: Int32 = 0
    while true {
        let result = waitpid(pid, &waitStatus, WNOHANG)
        if result == pid { break }
        if let deadline, ContinuousClock.now >= deadline {
            kill(-pid, SIGKILL)
            waitpid(pid, &waitStatus, 0)
            return .timedOut
        }
        usleep(50_000)
    }
    // The test binary may have outlived `swift test` after a crash: take the group down too.
    kill(-pid, SIGKILL)
    let signal = waitStatus & 0x7f
    return signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signalled(signal)
}

/// The last `count` lines of a file.
func lastLines(of file: URL, _ count: Int) -> [String] {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).suffix(count))
}
