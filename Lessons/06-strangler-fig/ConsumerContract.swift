import Foundation
import ServiceKit
import StranglerFigKit

/// What the shop relies on when it charges through payments, written down by the shop (the
/// consumer) and replayed by payments' pipeline against each build before it deploys: a
/// consumer-driven contract, the idea behind tools such as Pact.
struct ConsumerContract {
    /// The request the shop sends, encoded by the shop's own type.
    let request = ChargeRequest(customerID: "ada", amountCents: 14_999)
    /// The status the shop treats as "charged".
    let status = 201
    /// The receipt fields the shop reads.
    let readsFields = ["amountCents", "balanceCents", "chargedBy", "customerID"]

    /// Sends the request to the provider at `url` and checks its answer: what broke, or nothing.
    func verify(against url: String) async -> [String] {
        let answer: Answer
        do {
            answer = try await HTTPCaller(baseURL: url, timeout: .seconds(2)).post("payments/charges", idempotencyKey: nil, body: JSON.encode(request))
        } catch {
            return ["no answer: \(error)"]
        }
        guard answer.status == status else { return ["\(answer.status) instead of \(status): \(answer.errorMessage ?? "no error message")"] }
        let object = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any] ?? [:]
        return readsFields.filter { object[$0] == nil }.map { "the receipt has no \($0)" }
    }
}
