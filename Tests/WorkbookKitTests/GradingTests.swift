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

    @Test("the student is graded only once attempted; the reference always, where it is shipped")
    func graded() {
        let reference: [Implementation] = Implementation.referenceShipped ? [.reference] : []
        #expect(Implementation.graded(studentAttempted: false) == reference)
        #expect(Implementation.graded(studentAttempted: true) == reference + [.student])
    }

    @Test("a lesson runs the reference unless --mine is given or the reference is held out")
    func lesson() {
        #expect(Implementation.lesson(mine: true) == .student)
        #expect(Implementation.lesson(mine: false) == (Implementation.referenceShipped ? .reference : .student))
    }

    @Test("NotAttempted names the function and the file")
    func notAttemptedMessage() {
        let error = NotAttempted(function: "placeOrder(_:in:)", file: "Exercises/01-monolith-order/PlaceOrder.swift")
        #expect(error.description == "not implemented yet: placeOrder(_:in:) (open Exercises/01-monolith-order/PlaceOrder.swift)")
    }
}
