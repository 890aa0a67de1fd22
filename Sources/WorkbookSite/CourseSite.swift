import Foundation
import WorkbookCatalog

/// The course as a DocC catalogue, generated from the files the lessons already have: course.md
/// gives the table of contents (its opening and its arc table), each lesson's README gives a
/// reading article (every section but the exercise, its "Check yourself" questions as
/// assessments) and each exercise a tutorial whose code steps grow from the stub to the
/// solution (`ExerciseSteps`). A lesson text without a section the site needs stops the
/// generation, naming what is missing, so that site and texts cannot drift.
package struct CourseSite {
    package static let name = "Monolith First"
    package let catalog: Catalog
    /// Whether the exercises' code steps fill in the reference solution (the instructor's site)
    /// or show only the stub and what is to do (the site students may see).
    package var withSolutions = true

    package init(catalog: Catalog, withSolutions: Bool = true) {
        self.catalog = catalog
        self.withSolutions = withSolutions
    }

    /// Writes `MonolithFirst.docc` under `folder` and answers it.
    package func writeCatalogue(in folder: URL) throws -> URL {
        let docc = folder.appendingPathComponent("MonolithFirst.docc")
        let resources = docc.appendingPathComponent("Resources")
        try? FileManager.default.removeItem(at: docc)
        try FileManager.default.createDirectory(at: resources, withIntermediateDirectories: true)
        let course = try read("course.md")
        let arc = Self.arc(in: course)
        var texts: [(Lesson, LessonText)] = []
        var problems: [String] = []
        for lesson in catalog.exercises {
            let text = LessonText(try read("Lessons/\(lesson.slug)/README.md"))
            problems += text.missing.map { "Lessons/\(lesson.slug)/README.md lacks \($0)" }
            if arc[lesson.number] == nil { problems.append("course.md's arc table has no row for lesson \(lesson.number)") }
            texts.append((lesson, text))
        }
        guard problems.isEmpty else { throw UsageError("the course site cannot be made:\n  " + problems.joined(separator: "\n  ")) }

        var chapters = ""
        for (lesson, text) in texts {
            let row = arc[lesson.number]!
            let reading = SiteMarkdown.readingMinutes(text)
            let article = try SiteMarkdown.article(lesson, text, minutes: reading)
            try article.write(to: docc.appendingPathComponent("\(lesson.slug).tutorial"), atomically: true, encoding: .utf8)
            let tutorial = try exerciseTutorial(lesson, text, minutes: max(15, row.minutes - reading), resources: resources)
            try tutorial.write(to: docc.appendingPathComponent("\(lesson.slug)-exercise.tutorial"), atomically: true, encoding: .utf8)
            try Self.chapterImage(number: lesson.number, pattern: row.pattern).write(
                to: resources.appendingPathComponent("chapter-\(lesson.number).svg"), atomically: true, encoding: .utf8)
            chapters += """
                @Chapter(name: "\(SiteMarkdown.argument("\(lesson.number) · \(lesson.title)"))") {
                The pressure: \(row.pressure). The pattern: \(row.pattern).

                @Image(source: "chapter-\(lesson.number).svg", alt: "\(SiteMarkdown.argument("Lesson \(lesson.number): \(row.pattern)"))")

                @TutorialReference(tutorial: "doc:\(lesson.slug)")

                @TutorialReference(tutorial: "doc:\(lesson.slug)-exercise")
                }


                """
        }
        let contents = """
            @Tutorials(name: "\(Self.name)") {
            @Intro(title: "\(Self.name)") {
            \(SiteMarkdown.convert(Self.opening(of: course), at: ""))
            }

            \(chapters)}

            """
        try contents.write(to: docc.appendingPathComponent("MonolithFirst.tutorial"), atomically: true, encoding: .utf8)
        return docc
    }

    /// The exercise as a tutorial: the README's exercise section, then the code steps.
    private func exerciseTutorial(_ lesson: Lesson, _ text: LessonText, minutes: Int, resources: URL) throws -> String {
        var steps = ""
        for file in catalog.swiftFiles(in: lesson.exerciseDirectory) {
            let stub = try read("\(lesson.exerciseDirectory)/\(file)")
            let solution = try read("\(lesson.solutionDirectory)/\(file)")
            for (index, step) in try ExerciseSteps.steps(stub: stub, solution: solution, file: file, withSolutions: withSolutions).enumerated() {
                let resource = "\(lesson.number)-step-\(index)-\(file.replacingOccurrences(of: "/", with: "-"))"
                try step.code.write(to: resources.appendingPathComponent(resource), atomically: true, encoding: .utf8)
                steps += "@Step {\n\(SiteMarkdown.convert(step.text, at: ""))\n\n@Code(name: \"\(SiteMarkdown.argument(file))\", file: \"\(resource)\")\n}\n\n"
            }
        }
        let exercise = SiteMarkdown.convert(text.section("The exercise")!.body, at: "Lessons/\(lesson.slug)")
        return """
            @Tutorial(time: \(minutes)) {
            @Intro(title: "\(SiteMarkdown.argument("Exercise \(lesson.number) · \(lesson.title)"))") {
            Implement the exercise in `\(lesson.exerciseDirectory)/`, then grade it with `swift run workbook grade \(lesson.number)`.
            }

            @Section(title: "The exercise") {
            @ContentAndMedia {
            \(exercise)
            }

            @Steps {
            \(steps)}
            }
            }

            """
    }

    private func read(_ path: String) throws -> String {
        do {
            return try String(contentsOf: catalog.root.appendingPathComponent(path), encoding: .utf8)
        } catch {
            throw UsageError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// course.md's text between its title and its first section.
    package static func opening(of course: String) -> String {
        let text = LessonText(course)
        return text.opening
    }

    /// course.md's arc table by lesson number: pressure, pattern and minutes.
    package static func arc(in course: String) -> [String: (pressure: String, pattern: String, minutes: Int)] {
        var rows: [String: (pressure: String, pattern: String, minutes: Int)] = [:]
        for line in (LessonText(course).section("The arc")?.body ?? "").split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, cells[1].wholeMatch(of: /\d\d/) != nil, let minutes = Int(cells[6].prefix { $0.isNumber }) else { continue }
            rows[cells[1]] = (cells[3], cells[4], minutes)
        }
        return rows
    }

    /// A chapter's picture: its number and its pattern, drawn at generation time.
    package static func chapterImage(number: String, pattern: String) -> String {
        let words = pattern.replacingOccurrences(of: "&", with: "and").replacingOccurrences(of: "<", with: "").replacingOccurrences(of: ">", with: "")
        var lines: [String] = []
        for word in words.split(separator: " ") {
            if let last = lines.last, last.count + word.count < 34 { lines[lines.count - 1] += " " + word } else { lines.append(String(word)) }
        }
        let text = lines.enumerated().map { index, line in
            "<text x=\"40\" y=\"\(250 + 40 * index)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"32\" fill=\"#ffffff\">\(line)</text>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
            <rect width="640" height="360" fill="#1d2b3a"/>
            <text x="40" y="190" font-family="Helvetica, Arial, sans-serif" font-size="140" font-weight="700" fill="#f2b134">\(number)</text>
            \(text.joined(separator: "\n"))
            </svg>

            """
    }
}
