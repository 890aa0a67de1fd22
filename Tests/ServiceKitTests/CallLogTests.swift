import Foundation
import ServiceKit
import Testing

@Suite("The call log")
struct CallLogTests {
    /// Answers every call with the same answer: the log, not the service, is under test here.
    struct Answering: ServiceCaller {
        let answer: Answer
        func post(_ operation: String, idempotencyKey: String?, body: Data) async throws(ServiceCallError) -> Answer { answer }
        func state() async throws(ServiceCallError) -> Answer { answer }
        func setFaults(_ plan: FaultPlan) async throws(ServiceCallError) {}
        func faultReport() async throws(ServiceCallError) -> FaultReport { throw .noAnswer }
    }

    @Test("a 2xx answer with an error in its body reads as one, not as a plain 200")
    func errorBody() async throws {
        let cases: [(Answer, String)] = [
            (.json(["ok": true]), "orders.cancel → 200"),
            (.error("no such order", status: 200), "orders.cancel → 200 with an error body"),
            (.error("no such order", status: 404), "orders.cancel → 404"),
            (Answer(status: 200, body: Data("{\"note\": \"the word error is not an error field\"}".utf8)), "orders.cancel → 200"),
        ]
        for (answer, expected) in cases {
            let log = CallLog()
            let caller = RecordingCaller(Answering(answer: answer), service: "orders", log: log)
            _ = try await caller.post("cancel", idempotencyKey: "o-1:cancel", body: Data())
            #expect(log.all.map(\.description) == [expected])
        }
    }
}
