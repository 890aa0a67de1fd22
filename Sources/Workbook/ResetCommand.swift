import ArgumentParser
import Foundation
import WorkbookKit

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restores an exercise's files to the shipped stub, from git; touches no other file.",
        discussion: "The shipped stub of a file is its newest version in git history with the most `throw NotAttempted(` stubs.")

    @Argument(help: "The exercise number, e.g. 01.")
    var exercise: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.current()
            let lesson = try catalog.select([exercise])[0]
            let tracked = try git(["ls-files", "--", lesson.exerciseDirectory], in: catalog.root).split(separator: "\n").map(String.init)
            guard !tracked.isEmpty else { throw UsageError("git tracks no file in \(lesson.exerciseDirectory)") }
            let stubs = try tracked.map { file in (file, try Self.shippedStub(of: file, in: catalog.root)) }
            let changed = stubs.filter { file, stub in (try? String(contentsOf: catalog.root.appendingPathComponent(file), encoding: .utf8)) != stub }
            let narrator = Narrator()
            guard !changed.isEmpty else {
                narrator.ok("\(lesson.exerciseDirectory) is already as shipped")
                return
            }
            narrator.say("This overwrites, with the shipped stub:")
            changed.forEach { narrator.say("    \($0.0)") }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else { throw UsageError("not on a terminal: pass --yes to confirm the reset") }
                print("Reset \(changed.count) file(s)? Your work in them is lost. [y/N] ", terminator: "")
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                    narrator.say("Nothing changed.")
                    return
                }
            }
            for (file, stub) in changed {
                try stub.write(to: catalog.root.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            narrator.ok("reset \(changed.count) file(s) of exercise \(lesson.number)")
        }
    }

    /// The newest committed version of `file` with the most stubs in it.
    static func shippedStub(of file: String, in root: URL) throws -> String {
        let commits = try git(["log", "--format=%H", "--", file], in: root).split(separator: "\n").map(String.init)
        var best: (stubs: Int, text: String)?
        for commit in commits {
            let text = try git(["show", "\(commit):\(file)"], in: root)
            let stubs = text.components(separatedBy: "throw NotAttempted(").count - 1
            if best == nil || stubs > best!.stubs { best = (stubs, text) }
        }
        guard let best else { throw UsageError("\(file) has no committed version to restore") }
        return best.text
    }
}
