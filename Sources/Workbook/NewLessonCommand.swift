import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookTemplate

/// `workbook new-lesson NN-slug "Title"`: a new lesson that builds, is listed, is graded "not
/// attempted" as shipped and passes its one check once solved — its own folders and one line in
/// Package.swift's `lessons`, nothing else.
struct NewLessonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-lesson",
        abstract: "Scaffold a lesson: its text, executable, kit, exercise, solution and graded check.",
        discussion: """
            Writes Lessons/NN-slug (README.md, hints.md, Lesson.swift, Stage.swift, Act1.swift), \
            Sources/PKit, Exercises/NN-slug, Solutions/NN-slug and Tests/NN-slug (Grading.swift, a \
            check, CONTRACT.md and one committed mistake), and adds the lesson's line to Package.swift. \
            The placeholder exercise doubles a number: replace it with the lesson's own contract.
            """)

    @Argument(help: "The lesson's folder name: two digits, a dash, lowercase words joined by dashes (07-read-replicas).")
    var slug: String

    @Argument(help: "The lesson's title, as its README's heading shows it.")
    var title: String

    func validate() throws {
        guard slug.range(of: #"^\d\d-[a-z][a-z0-9]*(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw ValidationError("the slug must look like 07-read-replicas: two digits, a dash, lowercase words joined by dashes; got \"\(slug)\"")
        }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the title must not be empty") }
        // A title is one line: it is a heading, a doc comment and a string literal in the new files.
        guard !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError("the title is one line of text: no line breaks, tabs or other control characters")
        }
    }

    func run() async throws {
        let catalog = try Catalog.withSolutions(for: "workbook new-lesson")
        let lesson = Lesson(number: String(slug.prefix(2)), slug: slug, title: title)
        if let taken = catalog.lessons.first(where: { $0.number == lesson.number || $0.executable == lesson.executable }) {
            throw UsageError("lesson \(taken.slug) already has that number or name")
        }
        let files = LessonTemplate(lesson: lesson).files
        for path in Set(files.keys.map { String($0.split(separator: "/").prefix(2).joined(separator: "/")) }).sorted()
        where FileManager.default.fileExists(atPath: catalog.root.appendingPathComponent(path).path) {
            throw UsageError("\(path) already exists; nothing was written")
        }
        let manifest = catalog.root.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        guard let list = text.range(of: "let lessons = [\n"), let end = text[list.upperBound...].range(of: "\n]\n") else {
            throw UsageError("Package.swift has no `let lessons = [ … ]` list to add the lesson to")
        }
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let file = catalog.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
        }
        let line = "\n    LessonTargets(\"\(lesson.modulePrefix)\", \"\(slug)\"),"
        try (String(text[..<end.lowerBound]) + line + String(text[end.lowerBound...])).write(to: manifest, atomically: true, encoding: .utf8)
        let narrator = Narrator(write: Terminal.writeLine)
        narrator.ok("wrote \(files.count) files for lesson \(lesson.number) and its line in Package.swift")
        narrator.say("Run it: swift run \(lesson.executable); grade it: swift run workbook grade \(lesson.number).")
        narrator.say("Then replace the placeholder contract (it doubles a number), and add the lesson to README.md's table and to course.md.")
    }
}
