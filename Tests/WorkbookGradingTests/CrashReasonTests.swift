import Foundation
import Testing

@testable import WorkbookCatalog
@testable import WorkbookGrading

@Suite("A crashed exercise says why")
struct CrashReasonTests {
    /// The shape of a Linux crash report from `swift test`, with a byte that is not UTF-8 in the
    /// register dump, as real ones have.
    static let report =
        Data(
            """
            [0/1] Planning build
            CircuitBreakerExercise/CircuitBreaker.swift:41: Fatal error: the breaker lost its state: epoch 0

            *** Program crashed: Illegal instruction at 0x00007f53a40f9361 ***
            Thread 4 "oot.default-qos" crashed:
              0                  0x00007f53a40f9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so
              1 [ra]             0x000055a21e565e9f CircuitBreaker.acquirePermission() + 526 in MonolithFirstPackageTests.xctest at /work/.build/workbook/checkout/Exercises/05-circuit-breaker/CircuitBreaker.swift:41:49
              3 [ra]             0x000055a21e569574 closure #1 in static Attempt.isAttempted(breaker:) + 67 in MonolithFirstPackageTests.xctest at /work/.build/workbook/checkout/Sources/CircuitBreakerKit/BreakerProbe.swift:7:31
            Registers:
            rsi 0x00007f53940424a8  03 00 00 00

            """.utf8) + Data([0xC3, 0x28, 0x0A]) + Data("Images (43 omitted):\n0x000055a21db7a000 MonolithFirstPackageTests.xctest\n".utf8)

    func write(_ data: Data) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString).log")
        try data.write(to: file)
        return file
    }

    @Test("the fatal error's message and the student's frames, not registers and images")
    func reason() throws {
        let log = try write(Self.report)
        defer { try? FileManager.default.removeItem(at: log) }
        #expect(
            crashReason(in: log) == [
                "CircuitBreakerExercise/CircuitBreaker.swift:41: Fatal error: the breaker lost its state: epoch 0",
                "  in CircuitBreaker.acquirePermission() at Exercises/05-circuit-breaker/CircuitBreaker.swift:41:49",
            ])
        // The plain tail of the log is read too, though it holds a byte that is not UTF-8.
        #expect(output(of: log).last == "0x000055a21db7a000 MonolithFirstPackageTests.xctest")
    }

    @Test("a log with no runtime message has no reason: its last lines are shown instead")
    func noReason() throws {
        let log = try write(Data("error: Exited with unexpected signal code 9\n".utf8))
        defer { try? FileManager.default.removeItem(at: log) }
        #expect(crashReason(in: log) == nil)
    }
}
