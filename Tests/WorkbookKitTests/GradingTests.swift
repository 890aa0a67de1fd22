import Testing
import WorkbookKit

@Suite("Grading helpers")
struct GradingTests {
    struct Wrong: Error {}

    @Test("only NotAttempted means not attempted")
    func attempted() {
        #expect(!Attempt.isAttempted { throw NotAttempted(function: "f()", file: "Exercises/x/F.swift") })
        #expect(Attempt.isAttempted { throw Wrong() })
        #expect(Attempt.isAttempted {})
    }

    @Test("the student is graded only once attempted; the reference always")
    func graded() {
        #expect(Implementation.graded(studentAttempted: false) == [.reference])
        #expect(Implementation.graded(studentAttempted: true) == [.reference, .student])
    }

    @Test("NotAttempted names the function and the file")
    func notAttemptedMessage() {
        let error = NotAttempted(function: "placeOrder(_:in:)", file: "Exercises/01-monolith-order/PlaceOrder.swift")
        #expect(error.description == "not implemented yet: placeOrder(_:in:) (open Exercises/01-monolith-order/PlaceOrder.swift)")
    }
}
