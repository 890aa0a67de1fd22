import Database
import Foundation
import PrematureSplitKit
import ServiceKit
import Shop
import Testing

@Suite("The queue in front of payments")
struct PaymentsQueueTests {
    /// A queue file and a payments database in a folder of their own.
    struct Fixture {
        let folder: URL
        let queue: PaymentsQueue
        let payments: PaymentsService

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("payments-queue-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            queue = try PaymentsQueue(path: folder.appendingPathComponent("queue.sqlite").path)
            payments = try PaymentsService(location: DatabaseLocation(folder.appendingPathComponent("payments.sqlite").path), seed: .standard)
        }

        func balance(_ customer: String) async throws -> Int {
            try JSONDecoder().decode(PaymentsState.self, from: await payments.state().body).balances[customer] ?? -1
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test("a charge waits until payments takes it, then is charged once and recorded with its answer")
    func delivered() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let before = try await fixture.balance("ada")
        #expect(try await fixture.queue.enqueue(ChargeCustomer(orderID: "o-1", customerID: "ada", amountCents: 250), idempotencyKey: "o-1:charge"))
        #expect(try await fixture.queue.waiting() == 1)
        #expect(try await fixture.balance("ada") == before)
        #expect(try await fixture.queue.deliverOne(to: fixture.payments))
        #expect(try await fixture.queue.deliverOne(to: fixture.payments) == false)
        #expect(try await fixture.queue.waiting() == 0)
        #expect(try await fixture.balance("ada") == before - 250)
        let delivered = try await fixture.queue.delivered()
        #expect(delivered.map(\.key) == ["o-1:charge"])
        #expect(delivered.first?.answer.status == 200)
        #expect(try JSONDecoder().decode(Charge.self, from: try #require(delivered.first).answer.body).amountCents == 250)
    }

    @Test("the same key sent twice is one message and one charge")
    func sameKeyTwice() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let charge = ChargeCustomer(orderID: "o-2", customerID: "ada", amountCents: 100)
        #expect(try await fixture.queue.enqueue(charge, idempotencyKey: "o-2:charge"))
        #expect(try await fixture.queue.enqueue(charge, idempotencyKey: "o-2:charge") == false)
        #expect(try await fixture.queue.waiting() == 1)
    }

    @Test("a consumer that charged and died before recording it: the next one replays the charge, not a second one")
    func redelivery() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let before = try await fixture.balance("linus")
        let charge = ChargeCustomer(orderID: "o-3", customerID: "linus", amountCents: 700)
        try await fixture.queue.enqueue(charge, idempotencyKey: "o-3:charge")
        // What the first consumer did before it died: the charge, with the message's key.
        let first = await fixture.payments.charge(charge, idempotencyKey: "o-3:charge")
        #expect(try await fixture.queue.deliverOne(to: fixture.payments))
        #expect(try await fixture.balance("linus") == before - 700)
        #expect(try await fixture.queue.delivered().first?.answer == first)
    }

    @Test("a charge payments refuses is delivered with its refusal, and leaves the queue")
    func refused() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await fixture.queue.enqueue(ChargeCustomer(orderID: "o-4", customerID: "grace", amountCents: 1_000_000), idempotencyKey: "o-4:charge")
        try await fixture.queue.enqueue(ChargeCustomer(orderID: "o-5", customerID: "ada", amountCents: 1), idempotencyKey: "o-5:charge")
        while try await fixture.queue.deliverOne(to: fixture.payments) {}
        let delivered = try await fixture.queue.delivered()
        #expect(delivered.map(\.key) == ["o-4:charge", "o-5:charge"])
        #expect(delivered.map(\.answer.status) == [402, 200])
        #expect(delivered.first?.answer.errorMessage?.contains("insufficient funds") == true)
        #expect(try await fixture.queue.waiting() == 0)
    }

    @Test("a message that is not a charge is delivered as a 400 instead of blocking the ones behind it")
    func poison() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let file = try SQLiteDatabase(path: fixture.folder.appendingPathComponent("queue.sqlite").path)
        try file.execute("INSERT INTO waiting (key, body, enqueued_at) VALUES ('bad', '{not json', 0)")
        try await fixture.queue.enqueue(ChargeCustomer(orderID: "o-6", customerID: "ada", amountCents: 1), idempotencyKey: "o-6:charge")
        while try await fixture.queue.deliverOne(to: fixture.payments) {}
        #expect(try await fixture.queue.delivered().map(\.answer.status) == [400, 200])
    }

    @Test("a consumer started before the messages takes them as they come, and stops when cancelled")
    func consumer() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let queue = fixture.queue
        let payments = fixture.payments
        let consuming = Task { await queue.consume(by: payments, poll: .milliseconds(2)) }
        for index in 1...5 {
            try await queue.enqueue(ChargeCustomer(orderID: "c-\(index)", customerID: "ada", amountCents: index), idempotencyKey: "c-\(index)")
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while try await queue.delivered().count < 5, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        consuming.cancel()
        await consuming.value
        #expect(try await queue.delivered().map(\.key).sorted() == ["c-1", "c-2", "c-3", "c-4", "c-5"])
        try await queue.enqueue(ChargeCustomer(orderID: "c-6", customerID: "ada", amountCents: 6), idempotencyKey: "c-6")
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await queue.waiting() == 1)
    }
}
