import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

@Suite("The workbook's layout")
struct CatalogTests {
    @Test("a lesson's executable, modules and folders all follow from its slug")
    func namesFromTheSlug() {
        let lesson = Lesson(number: "04", slug: "04-schema-per-module", title: "Schema per module")
        #expect(lesson.executable == "schema-per-module")
        #expect(lesson.modulePrefix == "SchemaPerModule")
        #expect(lesson.testModule == "SchemaPerModuleTests")
        #expect(lesson.exerciseDirectory == "Exercises/04-schema-per-module")
    }

    @Test("hints are the sections under \"## Hint N\", in order")
    func hints() {
        let text = "# Hints\n\n## Hint 1\nFirst.\n\n## Hint 2\nSecond,\non two lines.\n"
        #expect(Hints.sections(in: text) == ["First.", "Second,\non two lines."])
        #expect(Hints.sections(in: "no hints here").isEmpty)
    }

    @Test("an exercise and its solution compare equal outside function bodies, and differ when a declaration does")
    func skeleton() {
        let solution =
            "/// Doc.\npublic func f(_ x: Int) throws -> Int {\n    if x > 0 { return x }\n    return 0\n}\nstruct S {\n    let a: Int\n    func g() throws { print(1) }\n}\n"
        let stub =
            "/// Doc.\npublic func f(_ x: Int) throws -> Int {\n    // TODO\n    throw NotAttempted()\n}\nstruct S {\n    let a: Int\n    func g() throws { throw NotAttempted() }\n}\n"
        #expect(Declarations.skeleton(of: solution) == Declarations.skeleton(of: stub))
        let renamed = stub.replacingOccurrences(of: "let a: Int", with: "let b: Int")
        #expect(Declarations.skeleton(of: solution) != Declarations.skeleton(of: renamed))
    }
}
