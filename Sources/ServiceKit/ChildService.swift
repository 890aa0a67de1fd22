import Foundation
import ProcessKit

/// A service running as a child process: a real process with its own memory, database
/// connection and socket, started from this executable with `arguments`. The child prints one
/// line, `ready <port>`, once it listens.
public final class ChildService: Sendable {
    /// The service's name, for narration.
    public let name: String
    /// The port it listens on.
    public let port: Int
    private let process: ChildProcess

    /// The child's process id.
    public var pid: Int32 { process.pid }

    private init(name: String, port: Int, process: ChildProcess) {
        self.name = name
        self.port = port
        self.process = process
    }

    /// Starts `executable arguments…` and waits (up to `limit`) for its ready line.
    public static func start(
        name: String, executable: String = currentExecutable, arguments: [String], limit: Duration = .seconds(20)
    ) async throws(ChildServiceError) -> ChildService {
        let process: ChildProcess
        do {
            process = try await ChildProcess.start(executable, arguments, limit: limit)
        } catch {
            throw ChildServiceError("\(name) did not start: \(error)")
        }
        let line = process.firstLine
        guard line.hasPrefix("ready "), let port = Int(line.dropFirst(6)) else {
            await process.kill()
            throw ChildServiceError("\(name) did not start: \(line)")
        }
        return ChildService(name: name, port: port, process: process)
    }

    /// Asks the process to stop (SIGTERM), and kills it if it has not after a second.
    public func stop() async { await process.stop() }

    /// Kills the process at once (SIGKILL): no shutdown, no goodbye, as a crash would.
    public func kill() async { await process.kill() }

    /// This executable, to start children from: a lesson starts its own services.
    public static var currentExecutable: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// A child service that could not be started.
public struct ChildServiceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
