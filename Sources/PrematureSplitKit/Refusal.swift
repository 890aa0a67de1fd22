import ServiceKit

/// A business rule said no: answered with a 4xx and `{"error": reason}`, stored under the
/// idempotency key like any other answer, so a retry gets the same refusal.
struct Refusal: Error {
    var status: Int
    var reason: String

    static func unprocessable(_ reason: String) -> Refusal { Refusal(status: 422, reason: reason) }
    static func paymentRequired(_ reason: String) -> Refusal { Refusal(status: 402, reason: reason) }

    var answer: Answer { .error(reason, status: status) }
}
