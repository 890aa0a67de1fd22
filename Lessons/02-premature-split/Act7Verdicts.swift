import LessonKit
import WorkbookKit

/// gRPC against REST, from the per-call differences of calls made in turn: no verdict when the
/// pairs split nearly evenly or the median difference is within the noise of one run.
func versus(differences: [Duration], faster: Int, rest: Duration) -> String {
    let median = differences.sorted()[differences.count / 2]
    let share = Double(faster) / Double(differences.count) * 100
    let noise = max(Duration.microseconds(5), rest / 10)
    let size = median < .zero ? Duration.zero - median : median
    let pairs =
        "gRPC was the faster of the two in \(faster) of \(differences.count) pairs (\(share.formatted(fractionDigits: 0))%), by a median of \(median.signedReadable) a call"
    if (40...60).contains(share) || size < noise {
        return pairs + ": too close to call on this run (the noise is about \(noise.readable)). On loopback the bytes gRPC saves are nearly free."
    }
    return pairs
        + (median < .zero
            ? ": a smaller body on one long-lived HTTP/2 connection was cheaper here."
            : ": here a new HTTP/2 stream per call, on each side, cost more than the smaller body saved. On loopback the bytes are nearly free; over a real network, at high rates or with streaming, they are what gRPC saves.")
}

/// Protobuf against JSON for one charge encoded and decoded (medians of batches in this process),
/// set against the calls they travel in: each call carries two messages, the charge and its answer.
func serialization(json: Duration, protobuf: Duration, restCall: Duration, grpcCall: Duration) -> String {
    let ratio = Double(json.inNanoseconds) / Double(max(1, protobuf.inNanoseconds))
    let comparison =
        ratio >= 1.2
        ? "\(ratio.formatted(fractionDigits: 1))× faster than JSON's \(json.readable)"
        : ratio <= 1 / 1.2 ? "\((1 / ratio).formatted(fractionDigits: 1))× slower than JSON's \(json.readable)" : "about as fast as JSON's \(json.readable)"
    let restShare = Double((json * 2).inNanoseconds) / Double(restCall.inNanoseconds) * 100
    let grpcShare = Double((protobuf * 2).inNanoseconds) / Double(grpcCall.inNanoseconds) * 100
    return
        "Encoding and decoding the charge alone (medians of 20 batches of 500, in this process): protobuf took \(protobuf.readable), \(comparison). A call carries two messages, so serialization is \(restShare.formatted(fractionDigits: 1))% of REST's median call (JSON) and \(grpcShare.formatted(fractionDigits: 1))% of gRPC's (protobuf): the network, HTTP and the database are the rest."
}

/// What one way did while payments was down: how many calls it took, and how long the slowest
/// took to answer, either way.
struct Outage {
    var tried = 0
    var accepted = 0
    var slowest = Duration.zero

    mutating func attempt(_ call: () async throws -> Void) async {
        let start = ContinuousClock.now
        tried += 1
        do {
            try await call()
            accepted += 1
        } catch {}
        slowest = max(slowest, ContinuousClock.now - start)
    }

    /// One sentence on how this way failed, from its slowest answer: at once, or at its deadline.
    func verdict(way: String, deadline: Duration) -> String {
        if accepted > 0 { return "\(way) took \(accepted) of \(tried) calls, though payments is down." }
        if slowest < deadline / 2 { return "\(way) failed at once (\(slowest.readable) at most: nobody was listening)." }
        return
            "\(way) failed only after \(slowest.readable), with a deadline of \(deadline.readable): a caller waits that long for a \"no\"."
    }
}
