import Foundation
import WorkbookKit

/// A new temporary folder, removed by the caller when done and by `WorkbookCommand.guarded`
/// after Ctrl-C.
package func temporaryFolder(_ purpose: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    temporaryFolders.withLock { _ = $0.insert(folder) }
    return folder
}

/// Every temporary folder this run made.
package let temporaryFolders = Locked<Set<URL>>([])
