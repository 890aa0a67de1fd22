import Foundation
import WorkbookCatalog

/// The workbook's layout rules, checked from the files.
package enum Structure {
    package static func problems(in catalog: Catalog) -> [String] {
        var problems: [String] = []
        let manager = FileManager.default
        // Without whitespace, so that a lesson's line is found however it is wrapped.
        let manifest = ((try? String(contentsOf: catalog.root.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? "").filter { !$0.isWhitespace }
        let course = (try? String(contentsOf: catalog.root.appendingPathComponent("course.md"), encoding: .utf8)) ?? ""
        for lesson in catalog.lessons {
            let folder = "Lessons/\(lesson.slug)"
            if let readme = try? String(contentsOf: catalog.root.appendingPathComponent("\(folder)/README.md"), encoding: .utf8) {
                problems += ReadmeStandard.problems(readme: readme, path: "\(folder)/README.md", number: lesson.number, course: course)
                problems += LessonText(readme).missing.map { "\(folder)/README.md lacks \($0), which the course site needs" }
            }
            for file in ["README.md", "hints.md", "smoke.json"] where !manager.fileExists(atPath: catalog.root.appendingPathComponent("\(folder)/\(file)").path)
            {
                problems.append("\(folder) has no \(file)")
            }
            if Hints.sections(in: (try? String(contentsOf: catalog.root.appendingPathComponent(lesson.hintsFile), encoding: .utf8)) ?? "").isEmpty {
                problems.append("\(lesson.hintsFile) has no \"## Hint N\" section")
            }
            if !manifest.contains("LessonTargets(\"\(lesson.modulePrefix)\",\"\(lesson.slug)\"") {
                problems.append("Package.swift has no line LessonTargets(\"\(lesson.modulePrefix)\", \"\(lesson.slug)\", …) in `lessons`")
            }
            for directory in [lesson.exerciseDirectory, lesson.solutionDirectory, "Tests/\(lesson.slug)"]
            where !manager.fileExists(atPath: catalog.root.appendingPathComponent(directory).path) {
                problems.append("lesson \(lesson.number) has no \(directory)")
            }
            problems += gradingPolicyProblems(catalog, lesson)
            let exercise = catalog.swiftFiles(in: lesson.exerciseDirectory)
            let solution = catalog.swiftFiles(in: lesson.solutionDirectory)
            if exercise != solution {
                problems.append("\(lesson.exerciseDirectory) and \(lesson.solutionDirectory) hold different files: \(exercise) vs \(solution)")
                continue
            }
            for file in exercise {
                let stub = (try? String(contentsOf: catalog.root.appendingPathComponent("\(lesson.exerciseDirectory)/\(file)"), encoding: .utf8)) ?? ""
                let reference = (try? String(contentsOf: catalog.root.appendingPathComponent("\(lesson.solutionDirectory)/\(file)"), encoding: .utf8)) ?? ""
                if Declarations.skeleton(of: stub) != Declarations.skeleton(of: reference) {
                    problems.append("\(file) of exercise \(lesson.number): the exercise and the solution differ outside function bodies")
                }
                if reference.contains("NotAttempted(") { problems.append("\(lesson.solutionDirectory)/\(file) still throws NotAttempted") }
                if !stub.contains("throw NotAttempted(") { problems.append("\(lesson.exerciseDirectory)/\(file) has no stub") }
            }
        }
        return problems
    }

    /// A lesson's grading.json must read, and name only checks its tests have.
    package static func gradingPolicyProblems(_ catalog: Catalog, _ lesson: Lesson) -> [String] {
        let file = "Lessons/\(lesson.slug)/grading.json"
        guard let data = FileManager.default.contents(atPath: catalog.root.appendingPathComponent(file).path) else { return [] }
        do {
            let policy = try GradingPolicy(json: data, file: file)
            return policy.unknownChecks(among: catalog.checkNames(of: lesson)).map {
                "\(file) names a check exercise \(lesson.number) does not have: \"\($0)\""
            }
        } catch {
            return ["\(error)"]
        }
    }
}
