/// Runs `body` `warmUp` times unmeasured, then `iterations` times measured.
public func timed(warmUp: Int, iterations: Int, _ body: () async throws -> Void) async rethrows -> LatencyRecorder {
    for _ in 0..<warmUp { try await body() }
    var recorder = LatencyRecorder()
    let clock = ContinuousClock()
    let began = clock.now
    for _ in 0..<iterations {
        let start = clock.now
        try await body()
        recorder.record(clock.now - start)
    }
    recorder.elapsed = clock.now - began
    return recorder
}

/// The median cost of one call of `body`, from batches of `batch` calls: a single call is too
/// short for the clock that would time it.
public func perCall(batches: Int, batch: Int = 1_000, _ body: () throws -> Void) rethrows -> LatencyRecorder {
    for _ in 0..<batch { try body() }
    var recorder = LatencyRecorder()
    let clock = ContinuousClock()
    for _ in 0..<batches {
        let start = clock.now
        for _ in 0..<batch { try body() }
        recorder.record((clock.now - start) / batch)
    }
    return recorder
}
