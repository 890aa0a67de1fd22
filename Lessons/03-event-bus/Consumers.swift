import EventBusKit
import WorkbookKit

/// What the shop's consumers did, so the acts can count it.
actor ConsumerLog {
    private(set) var handled: [String: Int] = [:]

    func record(_ consumer: String) { handled[consumer, default: 0] += 1 }
    func count(_ consumer: String) -> Int { handled[consumer] ?? 0 }
}

/// The shop's consumers of "order placed". Each takes `work` to do its job; e-mail is the slow one.
struct ShopConsumers: Sendable {
    let log: ConsumerLog
    let clock: any WorkbookClock
    var emailTakes: Duration = .milliseconds(20)

    /// Name and job of every consumer, in the order checkout used to call them.
    var all: [(name: String, handle: @Sendable (OrderPlaced) async throws -> Void)] {
        [
            ("inventory", { _ in await log.record("inventory") }),
            (
                "email",
                { [clock, emailTakes, log] _ in
                    try await clock.sleep(for: emailTakes)
                    await log.record("email")
                }
            ),
            ("fraud", { _ in await log.record("fraud") }),
            ("shipping", { _ in await log.record("shipping") }),
        ]
    }

    /// The consumer added later: it needs nothing from checkout.
    var analytics: (name: String, handle: @Sendable (OrderPlaced) async throws -> Void) {
        ("analytics", { _ in await log.record("analytics") })
    }
}
