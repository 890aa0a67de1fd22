import Foundation
import WorkbookKit

/// How a short command ended and what it printed.
public struct Finished: Sendable {
    /// Its exit status.
    public var status: Int32
    /// Its standard output.
    public var output: String
    /// Its standard error.
    public var errors: String
}

/// Runs a short command found on `PATH` (`git`, `zip`, `swift package describe`) in `folder` when
/// given, with `environment` added to this process's, waits for it to end and answers its status
/// and both outputs. For callers that are not async; what a grade or a lesson runs goes through
/// `GroupRun` or `ChildProcess`. A program that cannot be started throws `ProcessStartError`
/// naming it.
public func runToEnd(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws(ProcessStartError) -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        throw ProcessStartError("\(arguments.first ?? "a command") could not be started: \(error.localizedDescription)")
    }
    // Standard error is read beside standard output: a child that fills one pipe while this
    // process waits on the other would never end.
    let message = Locked(Data())
    let errorsRead = DispatchGroup()
    let errorHandle = errors.fileHandleForReading
    DispatchQueue.global().async(group: errorsRead) {
        let data = errorHandle.readDataToEndOfFile()
        message.withLock { $0 = data }
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    errorsRead.wait()
    process.waitUntilExit()
    return Finished(
        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
        errors: String(decoding: message.withLock { $0 }, as: UTF8.self))
}
