import Foundation

/// A lesson's folder of scratch files (the services' SQLite files), removed at the end.
public enum ScratchFolder {
    /// A new, empty folder in the temporary directory, `PREFIX-` and a random name, readable by
    /// its owner only. Made with one `mkdir`, which refuses any existing name: a folder or a
    /// symbolic link planted where it would go is never used (a name from the process id was).
    public static func make(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(12).lowercased())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// Removes `folder` and everything in it. A removal can fail midway when a file goes while
    /// the folder is walked (SQLite drops a `-wal` file as its last connection closes), which
    /// left half-emptied folders behind; so it tries again, for up to a second, while the
    /// folder is still there.
    public static func remove(_ folder: URL) async {
        for _ in 0..<20 {
            do {
                try FileManager.default.removeItem(at: folder)
                return
            } catch {
                guard FileManager.default.fileExists(atPath: folder.path) else { return }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
