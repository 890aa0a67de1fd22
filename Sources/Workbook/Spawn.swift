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
            killTree(pid)
            waitpid(pid, &waitStatus, 0)
            return .timedOut
        }
        usleep(50_000)
    }
    // Anything left in the group after a crash goes too.
    kill(-pid, SIGKILL)
    let signal = waitStatus & 0x7f
    return signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signalled(signal)
}

/// Kills a process, every process descended from it, and their process groups. `swift test`
/// starts the test binary in a process group of its own, so killing our group is not enough:
/// measured, a hanging test binary outlived its timed-out `swift test` and kept a core busy.
func killTree(_ root: pid_t) {
    var doomed = [root]
    var index = 0
    while index < doomed.count {
        doomed += children(of: doomed[index])
        index += 1
    }
    for pid in doomed.reversed() {
        let group = getpgid(pid)
        kill(pid, SIGKILL)
        if group > 1 && group != getpgrp() { kill(-group, SIGKILL) }
    }
}

/// The processes whose parent is `parent`, from /proc (Linux) or `pgrep -P` elsewhere.
private func children(of parent: pid_t) -> [pid_t] {
    if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") {
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (name) state" comes the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
        }
    }
    let pgrep = Process()
    pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    pgrep.arguments = ["pgrep", "-P", String(parent)]
    let output = Pipe()
    pgrep.standardOutput = output
    guard (try? pgrep.run()) != nil else { return [] }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pgrep.waitUntilExit()
    return text.split(separator: "\n").compactMap { pid_t($0) }
}

/// The last `count` lines of a file.
func lastLines(of file: URL, _ count: Int) -> [String] {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).suffix(count))
}
