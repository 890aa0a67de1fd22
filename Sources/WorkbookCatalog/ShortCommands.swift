import Foundation

/// Runs a program found on `PATH` (in `folder` when given), waits for it to end, and answers its
/// exit status and both outputs; a program that cannot be started is a clear message naming it.
/// For the short helpers the commands need (git, zip), not for what a grade runs (`spawn`).
package func runToEnd(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        throw UsageError("\(arguments[0]) is needed for this command and could not be started: \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: message, as: UTF8.self))
}

/// Runs git in the workbook and answers its standard output; a failure is a clear message.
package func git(_ arguments: [String], in root: URL, allowing codes: Set<Int32> = [0]) throws -> String {
    let ran = try runToEnd(["git", "-C", root.path] + arguments)
    guard codes.contains(ran.status) else {
        throw UsageError("git \(arguments.first ?? "") failed: \(ran.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    return ran.output
}
