import Foundation
import GradingKit
import Testing
import WorkbookGrading

@Suite("What a grade gives the checks' process")
struct CheckEnvironmentTests {
    let grader = Grader(checkout: URL(fileURLWithPath: "/nowhere"), scratch: nil, limit: .seconds(1))

    @Test("every grade sets the variable that leaves the workbook's own suites out")
    func leavesTheWorkbooksSuitesOut() {
        #expect(NotInTheGrade.leftOut(in: grader.checkEnvironment))
    }

    @Test("a replay passes its seed where ReplaySeed reads it; a grade without one passes none")
    func seed() {
        var replay = grader
        replay.seed = "8K6a2U/Lxt/3z5TTNrxQhbHD4ofx3qtCZJIjUfSwbvQ="
        #expect(replay.checkEnvironment[ReplaySeed.variable] == replay.seed)
        #expect(grader.checkEnvironment[ReplaySeed.variable] == nil)
    }
}
