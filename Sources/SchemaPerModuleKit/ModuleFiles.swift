import Database
import Foundation

/// Where lesson 04 keeps its SQLite files: one per module, plus the shared file of act 1 and a
/// separate billing file, in a directory the user names with `--database DIR` (kept afterwards,
/// to look at) or a new temporary one for `:memory:` (removed with the database).
///
/// A lesson never destroys what it did not make: the directory gets a marker file on first use,
/// and a directory that already holds files but no marker is refused. Every run starts from
/// empty files: the lesson's own files of the same names are removed first.
public struct ModuleFiles: Sendable {
    public let directory: String
    /// Whether the directory is a temporary one, removed by ``removeIfTemporary()``.
    public let isTemporary: Bool

    static let marker = ".monolith-first-lesson-04"

    /// Prepares `path` (a directory, or `:memory:` for a temporary one).
    public init(path: String) throws {
        let manager = FileManager.default
        if path == ":memory:" {
            directory = manager.temporaryDirectory.appendingPathComponent("monolith-first-\(UUID().uuidString)").path
            isTemporary = true
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return
        }
        directory = path
        isTemporary = false
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ModuleFilesError(
                    "\(path) is a file; on SQLite, lesson 04 keeps one file per module in a directory: give a directory (new, or one this lesson made) or :memory:"
                )
            }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty || contents.contains(Self.marker) else {
                throw ModuleFilesError("\(path) already holds files that this lesson did not make; give a new or empty directory, or :memory:")
            }
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: path).appendingPathComponent(Self.marker))
        } catch {
            throw ModuleFilesError("cannot write to \(path): \(error.localizedDescription)")
        }
    }

    /// The path of `name` in the directory, with any earlier run's file of that name (and its
    /// journal) removed.
    public func fresh(_ name: String) -> String {
        let file = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        return file
    }

    /// Removes the directory when it is a temporary one.
    public func removeIfTemporary() {
        if isTemporary { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// Lesson 04's files cannot go where the user asked.
public struct ModuleFilesError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
