import GradingKit
import Testing

@Suite("Suites that check the workbook, left out of a grade")
struct NotInTheGradeTests {
    @Test("left out when the grade's variable is set, whatever its value; run by swift test, which does not set it")
    func leftOutOnlyInAGrade() {
        #expect(NotInTheGrade.leftOut(in: [NotInTheGrade.variable: "1"]))
        #expect(NotInTheGrade.leftOut(in: [NotInTheGrade.variable: ""]))
        #expect(!NotInTheGrade.leftOut(in: [:]))
        #expect(!NotInTheGrade.leftOut(in: ["WORKBOOK_SEED": "x", "DATABASE_URL": "postgres://"]))
    }
}
