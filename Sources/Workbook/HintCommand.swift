import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog

struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint", abstract: "Shows the next hint of an exercise (one more each time), or all of them.")

    @Argument(help: "The exercise number, e.g. 01.")
    var exercise: String

    @Flag(help: "Show every hint of the exercise.")
    var all = false

    func run() throws {
        try WorkbookCommand.guarded {
            let catalog = try Catalog.current()
            let lesson = try catalog.select([exercise])[0]
            let text = (try? String(contentsOf: catalog.root.appendingPathComponent(lesson.hintsFile), encoding: .utf8)) ?? ""
            let hints = Hints.sections(in: text)
            guard !hints.isEmpty else { throw UsageError("exercise \(lesson.number) has no hints in \(lesson.hintsFile)") }
            let memory = Memory(catalog)
            var shown = memory.read("hints.json", as: [String: Int].self) ?? [:]
            let narrator = Narrator()
            if all {
                for (index, hint) in hints.enumerated() { show(narrator, index, hints.count, hint) }
                shown[lesson.slug] = hints.count
            } else {
                let next = min(shown[lesson.slug] ?? 0, hints.count - 1)
                show(narrator, next, hints.count, hints[next])
                if next == hints.count - 1 && (shown[lesson.slug] ?? 0) >= hints.count {
                    narrator.say("(That was the last hint; `--all` shows them all again.)")
                }
                shown[lesson.slug] = min(next + 1, hints.count)
            }
            try memory.write(shown, to: "hints.json")
        }
    }

    private func show(_ narrator: Narrator, _ index: Int, _ count: Int, _ hint: String) {
        narrator.say("Hint \(index + 1) of \(count) · exercise \(exercise)")
        narrator.say(hint)
        narrator.say("")
    }

}
