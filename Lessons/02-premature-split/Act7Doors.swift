import Foundation
import LessonKit
import PrematureSplitKit
import ServiceKit

/// Act 7: the same charge three ways — JSON over HTTP/1.1, gRPC over HTTP/2, a message on a
/// queue — measured side by side, then with payments down.
func actDoors(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.noteLoad()
    let doors = stage.openDoors()
    for door in PaymentsDoors.Door.allCases { try await doors.start(door) }
    let rest = PaymentsClient.overHTTP("http://127.0.0.1:\(await doors.port(.rest))", timeout: Stage.deadline)
    let grpc = GRPCChannel(port: await doors.port(.grpc))
    let queue = try PaymentsQueue(path: doors.queueFile)
    let charge = ChargeCustomer(orderID: "order-1", customerID: "ada", amountCents: 2_500)

    narrator.step("One charge, as each way puts it on the wire:")
    let json = String(decoding: JSON.encode(charge), as: UTF8.self)
    let framed = GRPCFrame.frame(charge.protobuf)
    narrator.table(
        ["way", "request body", "bytes"],
        [
            ["REST: JSON over HTTP/1.1", json, "\(json.utf8.count)"],
            [
                "gRPC: protobuf over HTTP/2",
                framed.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " "), "\(framed.count)",
            ],
            ["queue: a row in a SQLite file", "the JSON above, with its key and the time", "\(json.utf8.count)"],
        ])
    narrator.say(
        "The protobuf is \(framed.count) bytes against JSON's \(json.utf8.count): field numbers (payments.proto) instead of names, a varint instead of digits, and 5 bytes of gRPC framing. You can read the JSON; the protobuf needs the .proto file to mean anything."
    )

    // What the seeds call protobuf's strength, measured alone: a charge encoded and decoded.
    let jsonCost = try perCall(batches: 20, batch: 500) { _ = try JSONDecoder().decode(ChargeCustomer.self, from: JSON.encode(charge)) }
    let protobufCost = try perCall(batches: 20, batch: 500) { _ = try ChargeCustomer(protobuf: charge.protobuf) }

    let calls = 300
    narrator.step("\(calls) charges each way, taken in turn (REST, gRPC, queue, REST, …) so that all three meet the same machine, after 30 of each to warm up…")
    var restTimes = LatencyRecorder()
    var grpcTimes = LatencyRecorder()
    var enqueueTimes = LatencyRecorder()
    var gRPCFaster = 0
    var differences: [Duration] = []
    let customers = ["ada", "linus"]
    for index in -30..<calls {
        try Task.checkCancellation()
        let request = ChargeCustomer(
            orderID: index < 0 ? "warm-\(index + 31)" : "order-\(index + 1)", customerID: customers[(index + 30) % 2], amountCents: 100)
        let restStart = ContinuousClock.now
        guard case .ok = try await rest.charge(request, idempotencyKey: "rest:\(request.orderID)") else { throw ActFailure("REST refused a charge that fits") }
        let restTime = ContinuousClock.now - restStart
        let grpcStart = ContinuousClock.now
        _ = try await PaymentsGRPC.charge(request, idempotencyKey: "grpc:\(request.orderID)", over: grpc, deadline: Stage.deadline)
        let grpcTime = ContinuousClock.now - grpcStart
        let enqueueStart = ContinuousClock.now
        try await queue.enqueue(request, idempotencyKey: "queue:\(request.orderID)")
        let enqueueTime = ContinuousClock.now - enqueueStart
        guard index >= 0 else { continue }
        restTimes.record(restTime)
        grpcTimes.record(grpcTime)
        enqueueTimes.record(enqueueTime)
        differences.append(grpcTime - restTime)
        if grpcTime < restTime { gRPCFaster += 1 }
    }
    try await waitUntilEmpty(queue)
    let waits = try await queue.delivered().filter { $0.key.hasPrefix("queue:order-") }.map(\.waited)
    var delivery = LatencyRecorder()
    for wait in waits { delivery.record(wait) }
    narrator.table(
        ["way", "the checkout waits for", "p50", "p99", "the answer"],
        [
            ["REST: JSON over HTTP/1.1", "the charge, done", restTimes.p50.readable, restTimes.p99.readable, "in the call"],
            ["gRPC: protobuf over HTTP/2", "the charge, done", grpcTimes.p50.readable, grpcTimes.p99.readable, "in the call"],
            ["queue: SQLite file", "the message, stored", enqueueTimes.p50.readable, enqueueTimes.p99.readable, "later: see below"],
            ["  … until payments took it", "(nobody waits)", delivery.p50.readable, delivery.p99.readable, "recorded by payments"],
        ])
    narrator.say(
        "p50 and p99 of \(calls) calls each, \(BuildConfiguration.name) build, on loopback. The queue's second row is from the checkout's write to payments' record of the charge (both stamped by the machine's clock): payments looks for work every \(PaymentsQueue.poll.readable) when none waited, and the checkout and payments take turns at the file's write lock."
    )
    narrator.say(versus(differences: differences, faster: gRPCFaster, rest: restTimes.p50))
    narrator.say(serialization(json: jsonCost.p50, protobuf: protobufCost.p50, restCall: restTimes.p50, grpcCall: grpcTimes.p50))
    if let advice = BuildConfiguration.timingAdvice { narrator.say("(\(advice))") }
    narrator.say(
        "The queue's caller was done in \(enqueueTimes.p50.readable) at the median: it waited for a row to be stored, not for a charge. It has no answer to give the customer yet — only \"we received your order\"."
    )

    try await paymentsDown(stage, doors: doors, rest: rest, grpc: grpc, queue: queue)
    await grpc.close()
    await doors.stopAll()
    narrator.table(
        ["way", "use it when", "it costs"],
        [
            ["REST (JSON/HTTP)", "the caller needs the answer now; public APIs; anyone with curl", "text to parse; a connection per call in flight"],
            [
                "gRPC (protobuf/HTTP/2)", "the caller needs the answer now, between your own services, at high rates or streaming",
                "a .proto and generated code on both sides; bytes you cannot read",
            ],
            [
                "a queue", "the caller can go on without the answer; bursts to level; a consumer that may be down",
                "eventual outcomes: a later \"no\" needs its own compensation",
            ],
        ])
    narrator.notice(
        "REST and gRPC are both synchronous: payments must be up, fast, and behind a timeout (lesson 05). The queue decouples in time, not in correctness — ask first whether the caller needs the answer to go on."
    )
}

/// The second half of act 7: payments killed behind all three ways, four charges tried, then the
/// queue's payments started again to take what waited.
private func paymentsDown(_ stage: Stage, doors: PaymentsDoors, rest: PaymentsClient, grpc: GRPCChannel, queue: PaymentsQueue) async throws {
    let narrator = stage.narrator
    narrator.step(
        stage.placement == .processes
            ? "Payments goes down (kill -9, all three processes), and the checkout charges 3 orders each way…"
            : "Payments goes down (in-process: its three servers stop listening), and the checkout charges 3 orders each way…")
    for door in PaymentsDoors.Door.allCases { await doors.kill(door) }
    let down = (1...3).map { ChargeCustomer(orderID: "late-\($0)", customerID: "ada", amountCents: 2_500) }
    var restDown = Outage()
    var grpcDown = Outage()
    for request in down {
        await restDown.attempt { _ = try await rest.charge(request, idempotencyKey: "rest:\(request.orderID)") }
        await grpcDown.attempt { _ = try await PaymentsGRPC.charge(request, idempotencyKey: "grpc:\(request.orderID)", over: grpc, deadline: Stage.deadline) }
    }
    // One more, for a customer who cannot pay it: the queue takes it all the same.
    let tooMuch = ChargeCustomer(orderID: "late-4", customerID: "grace", amountCents: 1_000_000)
    var queueDown = Outage()
    for request in down + [tooMuch] {
        await queueDown.attempt {
            guard try await queue.enqueue(request, idempotencyKey: "queue:\(request.orderID)") else { throw ActFailure("a new key was taken for a repeat") }
        }
    }
    narrator.table(
        ["way", "accepted", "slowest answer", "what the customer is told"],
        [
            [
                "REST", "\(restDown.accepted) of \(restDown.tried)", restDown.slowest.readable,
                restDown.accepted == 0 ? "payments is unavailable, try again later" : "ordered",
            ],
            [
                "gRPC", "\(grpcDown.accepted) of \(grpcDown.tried)", grpcDown.slowest.readable,
                grpcDown.accepted == 0 ? "payments is unavailable, try again later" : "ordered",
            ],
            ["queue", "\(queueDown.accepted) of \(queueDown.tried) stored", queueDown.slowest.readable, "we received your order"],
        ])
    narrator.say(
        "Nobody listens. \(restDown.verdict(way: "REST", deadline: Stage.deadline)) \(grpcDown.verdict(way: "gRPC", deadline: Stage.deadline)) The queue stored \(queueDown.accepted) of \(queueDown.tried), \(tooMuch.customerID)'s charge of \(tooMuch.amountCents) cents included, which nobody has checked yet."
    )

    narrator.step("Payments (the queue's) comes back, on the same file…")
    let back = ContinuousClock.now
    try await doors.start(.queue)
    try await waitUntilEmpty(queue)
    let drained = ContinuousClock.now - back
    let late = try await queue.delivered().filter { $0.key.hasPrefix("queue:late-") }
    narrator.table(
        ["message", "what payments made of it", "waited in the queue"],
        late.map { delivery in
            [
                delivery.key, delivery.answer.isSuccess ? "charged" : "refused: \(delivery.answer.errorMessage ?? "HTTP \(delivery.answer.status)")",
                delivery.waited.readable,
            ]
        })
    let refused = late.filter { !$0.answer.isSuccess }.count
    narrator.say(
        "\(late.count) messages waited out the outage and were taken within \(drained.readable) of the restart (\(stage.placement == .processes ? "the process's start" : "the server's start") included). \(refused == 0 ? "None was refused." : "\(refused == 1 ? "1 was" : "\(refused) were") refused — after the customer had been told \"we received your order\": the checkout now owes an email and a cancelled order, a compensation of its own.")"
    )
}

/// Waits (up to 30 s) until payments has taken every message.
private func waitUntilEmpty(_ queue: PaymentsQueue) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while try await queue.waiting() > 0 {
        guard ContinuousClock.now < deadline else { throw ActFailure("payments had not taken every message from the queue after 30 s") }
        try await Task.sleep(for: .milliseconds(5))
    }
}
