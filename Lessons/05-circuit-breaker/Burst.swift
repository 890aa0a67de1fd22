import LessonKit
import WorkbookKit

/// What a burst of concurrent requests saw.
struct Burst {
    var latency = LatencyRecorder()
    var succeeded = 0
    var failed = 0
    var peakInFlight = 0
    var elapsed: Duration = .zero
}

/// Fires `count` requests, one every `spacing`, each in its own task, as customers arrive
/// independently; measures each one and the most in flight at once.
func burst(_ count: Int, every spacing: Duration, _ request: @escaping @Sendable (Int) async throws -> Void) async -> Burst {
    let inFlight = Locked((now: 0, peak: 0))
    let start = ContinuousClock.now
    let results = await withTaskGroup(of: (Duration, Bool).self) { group in
        for index in 0..<count {
            if index > 0 { try? await Task.sleep(for: spacing) }
            group.addTask {
                inFlight.withLock {
                    $0.now += 1
                    $0.peak = max($0.peak, $0.now)
                }
                let begin = ContinuousClock.now
                let ok = (try? await request(index)) != nil
                inFlight.withLock { $0.now -= 1 }
                return (ContinuousClock.now - begin, ok)
            }
        }
        var results: [(Duration, Bool)] = []
        for await result in group { results.append(result) }
        return results
    }
    var burst = Burst()
    for (took, ok) in results {
        burst.latency.record(took)
        if ok { burst.succeeded += 1 } else { burst.failed += 1 }
    }
    burst.peakInFlight = inFlight.withLock { $0.peak }
    burst.elapsed = ContinuousClock.now - start
    return burst
}
