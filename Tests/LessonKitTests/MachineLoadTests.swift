import LessonKit
import Testing
import WorkbookKit

@Suite("The machine's load")
struct MachineLoadTests {
    @Test("high from one runnable program per core: at it yes, just under it no")
    func threshold() {
        #expect(MachineLoad(lastMinute: 2.0, cores: 2).isHigh)
        #expect(!MachineLoad(lastMinute: 1.99, cores: 2).isHigh)
        #expect(MachineLoad(lastMinute: 9, cores: 8).isHigh)
    }

    @Test("a measured act says so only when the load is high, with the figure it read")
    func note() {
        let lines = Locked<[String]>([])
        let narrator = Narrator(colour: false) { line in lines.withLock { $0.append(line) } }
        narrator.noteLoad(MachineLoad(lastMinute: 0.4, cores: 2))
        narrator.noteLoad(nil)
        #expect(lines.withLock { $0 }.isEmpty)
        narrator.noteLoad(MachineLoad(lastMinute: 2.71, cores: 2))
        let said = lines.withLock { $0 }
        #expect(said.count == 1)
        #expect(said.first?.contains("a load of 2.7 over the last minute on 2 cores") == true, "\(said)")
    }

    @Test("this system reports its load")
    func reads() throws {
        let load = try #require(MachineLoad.now())
        #expect(load.lastMinute >= 0 && load.cores >= 1)
    }
}
