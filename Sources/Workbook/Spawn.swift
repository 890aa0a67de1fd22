import Foundation
import WorkbookKit
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
    let pid: pid_t
    do {
        pid = try ProcessSpawn.start("/usr/bin/env", arguments, output: .file(log.path), newProcessGroup: true)
    } catch {
        throw UsageError(error.description)
    }

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
    ProcessSpawn.send(SIGKILL, to: -pid)
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
        ProcessSpawn.send(SIGKILL, to: pid)
        if group > 1 && group != getpgrp() { ProcessSpawn.send(SIGKILL, to: -group) }
    }
}

/// The processes whose parent is `parent`: from /proc on Linux, from `pgrep -P` on macOS.
private func children(of parent: pid_t) -> [pid_t] {
    #if canImport(Glibc)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> pid_t? in
        guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (name) state" comes the parent's pid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
    }
    #elseif canImport(Darwin)
    let pgrep = Process()
    pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    pgrep.arguments = ["pgrep", "-P", String(parent)]
    let output = Pipe()
    pgrep.standardOutput = output
    guard (try? pgrep.run()) != nil else { return [] }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pgrep.waitUntilExit()
    return text.split(separator: "\n").compactMap { pid_t($0) }
    #endif
}

/// The last `count` lines of a file.
func lastLines(of file: URL, _ count: Int) -> [String] {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).suffix(count))
}
