import Foundation
import LessonKit
import PrematureSplitKit
import ServiceKit
import Shop

/// Act 7's comparison for `workbook bench`: one charge to payments over REST, over gRPC and onto
/// the queue, taken in turn, with servers in this process on loopback and a SQLite file each;
/// and a charge encoded and decoded as JSON and as protobuf.
func measureWays(charges count: Int) async throws -> [BenchRow] {
    let folder = try ScratchFolder.make("workbook-bench-ways")
    defer { try? FileManager.default.removeItem(at: folder) }
    func payments(_ name: String) throws -> PaymentsService {
        try PaymentsService(location: .sqlite(path: folder.appendingPathComponent("\(name).sqlite").path), seed: .standard(times: 10_000))
    }
    let restServer = try await LoopbackServer.start(ServiceRouter.make(ServiceHost(try payments("rest"))), name: "payments")
    let grpcServer = try await GRPCServer.start(PaymentsGRPC.methods(try payments("grpc")))
    let queue = try PaymentsQueue(path: folder.appendingPathComponent("queue.sqlite").path)
    let consumer = try payments("queue")
    let consuming = Task { await queue.consume(by: consumer, poll: PaymentsQueue.poll) }
    let rest = PaymentsClient.overHTTP(restServer.url, timeout: .seconds(5))
    let grpc = GRPCChannel(port: grpcServer.port)
    var restTimes = LatencyRecorder()
    var grpcTimes = LatencyRecorder()
    var enqueueTimes = LatencyRecorder()
    for index in -20..<count {
        let request = ChargeCustomer(orderID: "b-\(index)", customerID: "linus", amountCents: 1)
        var start = ContinuousClock.now
        _ = try await rest.charge(request, idempotencyKey: "b-\(index)")
        let restTime = ContinuousClock.now - start
        start = ContinuousClock.now
        _ = try await PaymentsGRPC.charge(request, idempotencyKey: "b-\(index)", over: grpc, deadline: .seconds(5))
        let grpcTime = ContinuousClock.now - start
        start = ContinuousClock.now
        try await queue.enqueue(request, idempotencyKey: "b-\(index)")
        guard index >= 0 else { continue }
        enqueueTimes.record(ContinuousClock.now - start)
        restTimes.record(restTime)
        grpcTimes.record(grpcTime)
    }
    consuming.cancel()
    await consuming.value
    await grpc.close()
    await grpcServer.stop()
    await restServer.stop()
    let charge = ChargeCustomer(orderID: "order-1", customerID: "ada", amountCents: 2_500)
    let json = try perCall(batches: 20, batch: 500) { _ = try JSONDecoder().decode(ChargeCustomer.self, from: JSON.encode(charge)) }
    let protobuf = try perCall(batches: 20, batch: 500) { _ = try ChargeCustomer(protobuf: charge.protobuf) }
    return [
        BenchRow(
            figure: "ways", measured: "a charge over REST: JSON, HTTP/1.1", restTimes,
            note: "taken in turn with the two rows below; payments commits to a SQLite file"),
        BenchRow(
            figure: "ways", measured: "a charge over gRPC: protobuf, HTTP/2", grpcTimes,
            note: "\((grpcTimes.p50 / restTimes.p50).formatted(fractionDigits: 2))× REST at p50; a stream per call on one connection"),
        BenchRow(
            figure: "ways", measured: "a charge onto the queue: a row in a SQLite file", enqueueTimes,
            note: "the checkout's part only; payments charges it later"),
        BenchRow(figure: "ways", measured: "a charge encoded and decoded as JSON", json, note: "median of 20 batches of 500"),
        BenchRow(
            figure: "ways", measured: "the same as protobuf", protobuf,
            note: "\((json.p50 / protobuf.p50).formatted(fractionDigits: 1))× faster than JSON at p50; median of 20 batches of 500"),
    ]
}
