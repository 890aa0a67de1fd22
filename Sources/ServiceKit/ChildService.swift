import Foundation
import WorkbookKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A service running as a child process: a real process with its own memory, database
/// connection and socket, started from this executable with `arguments`. The child prints one
/// line, `ready <port>`, once it listens.
public final class ChildService: Sendable {
    /// The service's name, for narration.
    public let name: String
    /// The child's process id.
    public let pid: pid_t
    /// The port it listens on.
    public let port: Int
    /// Its base URL.
    public var url: String { "http://127.0.0.1:\(port)" }

    private init(name: String, pid: pid_t, port: Int) {
        self.name = name
        self.pid = pid
        self.port = port
    }

    /// Starts `executable arguments…` and waits (up to `limit`) for its ready line.
    public static func start(
        name: String, executable: String, arguments: [String], limit: Duration = .seconds(20)
    ) throws(ChildServiceError) -> ChildService {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ChildServiceError("could not start \(name): no pipe") }
        let pid: pid_t
        do {
            pid = try ProcessSpawn.start(executable, arguments, output: .pipe(write: fds[1], read: fds[0]))
        } catch {
            close(fds[1])
            close(fds[0])
            throw ChildServiceError("could not start \(name): \(error.reason)")
        }
        close(fds[1])
        ChildRegistry.add(pid)
        let line = readLine(from: fds[0], limit: limit)
        close(fds[0])
        guard let line, line.hasPrefix("ready "), let port = Int(line.dropFirst(6)) else {
            terminate(pid)
            throw ChildServiceError("\(name) did not start\(line.map { ": \($0)" } ?? " in time")")
        }
        return ChildService(name: name, pid: pid, port: port)
    }

    /// Asks the process to stop (SIGTERM), and kills it if it has not after a second.
    public func stop() { Self.terminate(pid) }

    /// Kills the process at once (SIGKILL): no shutdown, no goodbye, as a crash would.
    public func kill() {
        ProcessSpawn.send(SIGKILL, to: pid)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        ChildRegistry.remove(pid)
    }

    /// This executable, to start children from: a lesson starts its own services.
    public static var currentExecutable: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// Whether the process is still running.
    public var isRunning: Bool { ProcessSpawn.send(0, to: pid) }

    static func terminate(_ pid: pid_t) {
        ProcessSpawn.send(SIGTERM, to: pid)
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(1)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now >= deadline {
                ProcessSpawn.send(SIGKILL, to: pid)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        ChildRegistry.remove(pid)
    }

    /// The first line the child writes, or nil when it closes its output or `limit` passes.
    private static func readLine(from fd: Int32, limit: Duration) -> String? {
        let deadline = ContinuousClock.now + limit
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return nil }
            if poller.revents == 0 { continue }
            guard read(fd, &byte, 1) == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}

/// A child service that could not be started.
public struct ChildServiceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
