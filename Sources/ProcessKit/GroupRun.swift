import Foundation
import Subprocess
import WorkbookKit

/// How a command run by `GroupRun` ended.
public enum Ending: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    /// Its time limit passed; its whole process group was stopped.
    case timedOut
}

/// Runs a command to its end in a process group of its own — for the grader, `swift test` and
/// the test binary it starts — with both output streams written to a log file.
public enum GroupRun {
    /// How the group is stopped when the time limit passes or the calling task is cancelled
    /// (Ctrl-C): SIGINT, as a terminal would send (SwiftPM then stops the test binary it started
    /// in a group of its own), then SIGTERM, then SIGKILL, each to the whole group.
    static var teardown: [TeardownStep] {
        [
            .send(signal: .interrupt, toProcessGroup: true, allowedDurationToNextStep: .seconds(3)),
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2)),
        ]
    }

    /// Runs `program arguments…` (a path, or a name found on `PATH`) until it ends, or until
    /// `limit` passes, in this process's environment with `environment` added. A cancelled
    /// calling task stops the group the same way, then throws `CancellationError`.
    public static func run(
        _ program: String, _ arguments: [String], log: URL, limit: Duration? = nil, environment: [String: String] = [:]
    ) async throws -> Ending {
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw ProcessStartError("could not write \(log.path)")
        }
        var platform = PlatformOptions()
        platform.processGroupID = 0
        platform.teardownSequence = teardown
        let options = platform
        let leader = Locked<Int32?>(nil)
        // The teardown ends when the group's leader has; what it started that outlived it goes
        // too. The group's id cannot be reused while any of them lives.
        defer { if let group = leader.withLock({ $0 }) { kill(-group, SIGKILL) } }
        let status = try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
            group.addTask {
                guard let file = FileHandle(forWritingAtPath: log.path) else { throw ProcessStartError("could not write \(log.path)") }
                defer { try? file.close() }
                return try await Subprocess.run(
                    .program(program), arguments: Arguments(arguments),
                    environment: .inherit.updating(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
                    platformOptions: options,
                    input: .none, output: .sequence, error: .combinedWithOutput
                ) { execution in
                    leader.withLock { $0 = execution.processIdentifier.value }
                    for try await chunk in execution.standardOutput {
                        chunk.withUnsafeBytes { file.write(Data($0)) }
                    }
                }.terminationStatus
            }
            if let limit {
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        try Task.checkCancellation()
        switch status {
        case .exited(let code): return .exited(Int32(code))
        case .signaled(let signal): return .signalled(Int32(signal))
        case nil: return .timedOut
        }
    }
}
