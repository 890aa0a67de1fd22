import Testing
import WorkbookKit

@Suite("Seeded random")
struct SeededRandomTests {
    @Test("it is SplitMix64: seed 0 starts with the published first outputs")
    func splitMix64Vectors() {
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("the same seed gives the same sequence; another seed another one")
    func repeatable() {
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        var other = SeededRandom(seed: 43)
        let a = (0..<20).map { _ in Int.random(in: 0...1_000, using: &first) }
        #expect(a == (0..<20).map { _ in Int.random(in: 0...1_000, using: &second) })
        #expect(a != (0..<20).map { _ in Int.random(in: 0...1_000, using: &other) })
    }
}
