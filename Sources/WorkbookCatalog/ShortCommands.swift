import Foundation
import ProcessKit

/// Runs git in the workbook and answers its standard output; a failure is a clear message.
package func git(_ arguments: [String], in root: URL, allowing codes: Set<Int32> = [0]) throws -> String {
    let ran = try shortCommand(["git", "-C", root.path] + arguments)
    guard codes.contains(ran.status) else {
        throw UsageError("git \(arguments.first ?? "") failed: \(ran.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    return ran.output
}

/// `runToEnd` for the workbook's commands: a program that cannot be started (git or zip is not
/// installed) is a `UsageError` that says the command needs it.
package func shortCommand(_ arguments: [String], in folder: URL? = nil) throws -> Finished {
    let ran: Finished
    do {
        ran = try runToEnd(arguments, in: folder)
    } catch {
        throw UsageError("\(arguments[0]) is needed for this command: \(error)")
    }
    // /usr/bin/env answers 127 for a program it cannot find on PATH.
    if ran.status == 127, ran.errors.contains("No such file") {
        throw UsageError("\(arguments[0]) is needed for this command and was not found on PATH: install it")
    }
    return ran
}
