import Foundation
import ProcessKit

/// Runs a command (`arguments[0]` found on `PATH`) in a process group of its own, with
/// `environment` added to ours, both output streams to `log`; when `limit` passes, or Ctrl-C
/// cancels the grader, the whole group is stopped (`GroupRun`).
package func spawn(_ arguments: [String], log: URL, limit: Duration? = nil, environment: [String: String] = [:]) async throws -> Ending {
    do {
        return try await GroupRun.run(arguments[0], Array(arguments.dropFirst()), log: log, limit: limit, environment: environment)
    } catch let error as ProcessStartError {
        throw UsageError(error.description)
    }
}

/// The last `count` lines of a file.
package func lastLines(of file: URL, _ count: Int) -> [String] {
    // Leniently: a crash report's register dump may hold bytes that are not UTF-8.
    let text = (try? Data(contentsOf: file)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).suffix(count))
}
