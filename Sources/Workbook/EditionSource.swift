import Foundation
import WorkbookCatalog
import WorkbookExports
import WorkbookGrading

/// The files a student edition is made from: what git's HEAD holds, unpacked into a temporary
/// folder — never the instructor's working tree, where a solved exercise, notes on the answers
/// or a folder an earlier run left can lie. An exercise folder with changes that are not
/// committed stops the edition (it would be the one thing that differs from what the instructor
/// thinks they ship); other changes and files git does not track are left out and listed.
/// `--from-working-tree` takes the working tree as it is, on purpose.
struct EditionSource {
    /// Where the files are: the temporary folder, or the checkout itself.
    let root: URL
    /// Every file, from `root`.
    let files: [String]
    /// Changed or untracked files of the working tree that the edition does not carry.
    let notShipped: [String]
    let description: String
    /// The commit the files are from ("abc1234", with "+changes" for a working tree that has some).
    let commit: String
    private let temporary: Bool

    init(catalog: Catalog, fromWorkingTree: Bool) throws {
        let hasGit = FileManager.default.fileExists(atPath: catalog.root.appendingPathComponent(".git").path)
        if fromWorkingTree {
            root = catalog.root
            files = try GradingCopy.workbookFiles(of: catalog.root)
            notShipped = []
            description = "from the working tree, as it is on disk (--from-working-tree): uncommitted changes and untracked files included"
            let head = hasGit ? (try? git(["rev-parse", "--short", "HEAD"], in: catalog.root))?.trimmingCharacters(in: .whitespacesAndNewlines) : nil
            commit = (head ?? "no commit") + " and the working tree"
            temporary = false
            return
        }
        guard hasGit else {
            throw UsageError("the student edition is made from git's HEAD, and this workbook has no git history: commit it, or pass --from-working-tree")
        }
        // Porcelain v1, -z: "XY path\0", untracked as "?? path\0"; ignored files are not listed.
        let status = try git(["status", "--porcelain", "-z", "--untracked-files=all"], in: catalog.root)
        let changed = status.split(separator: "\0").map(String.init).filter { $0.count > 3 }.map { String($0.dropFirst(3)) }
        let exercises = changed.filter { $0.hasPrefix("Exercises/") }
        if !exercises.isEmpty {
            throw UsageError(
                "Exercises/ has changes that are not committed (\(exercises.prefix(3).joined(separator: ", "))\(exercises.count > 3 ? ", …" : "")): "
                    + "the edition ships the stubs as committed. Commit or restore them (git restore Exercises/; git clean -n Exercises/ lists new files), "
                    + "or pass --from-working-tree to ship them as they are")
        }
        let head = try git(["rev-parse", "--short", "HEAD"], in: catalog.root).trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = try temporaryFolder("edition-source")
        let archive = folder.appendingPathComponent("head.tar")
        _ = try git(["archive", "--format=tar", "-o", archive.path, "HEAD"], in: catalog.root)
        let tree = folder.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let unpacked = try shortCommand(["tar", "-xf", archive.path, "-C", tree.path])
        guard unpacked.status == 0 else { throw UsageError("could not unpack git's HEAD: \(unpacked.errors)") }
        root = tree
        files = try git(["ls-tree", "-r", "--name-only", "-z", "HEAD"], in: catalog.root).split(separator: "\0").map(String.init)
            .filter { FileManager.default.fileExists(atPath: tree.appendingPathComponent($0).path) }
        notShipped = changed.filter(StudentEdition.keeps)
        commit = head
        description = "from git's HEAD (\(head))" + (notShipped.isEmpty ? "" : ", without \(notShipped.count) uncommitted change(s) or untracked file(s):")
        temporary = true
    }

    func remove() {
        if temporary { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    }
}
