import CircuitBreakerKit
import ServiceKit

/// Act 6: a healthy customer service answers 404 for customers it does not have. A breaker that
/// counts every error (the source material's `except Exception`) opens on that healthy traffic
/// and refuses good lookups; one whose classifier ignores the caller's own mistakes stays closed.
func actWhatCounts(_ stage: Stage) async throws {
    let narrator = stage.narrator
    let service = try await Dependency.start("customers", timeout: .seconds(1))
    defer { Task { await service.stop() } }
    // 60 lookups; 10 in a row for accounts that no longer exist (a client retrying a deleted one).
    let lookups = (0..<60).map { index in (20..<30).contains(index) ? "deleted-\(index)" : Dependency.customers[index % Dependency.customers.count] }
    narrator.step(
        "\(lookups.count) customer lookups over HTTP, \(lookups.filter { $0.hasPrefix("deleted") }.count) of them in a row for deleted accounts; two breakers that open after 5 failures in a row:"
    )

    var rows: [[String]] = []
    for (name, classify) in classifiers {
        let breaker = stage.makeBreaker(BreakerSettings(trip: .consecutiveFailures(5), waitDuration: .seconds(30), classify: classify))
        let before = service.received
        var found = 0
        var notFound = 0
        var refused = 0
        var refusedReal = 0
        for customer in lookups {
            do {
                _ = try await breaker.call { try await service.lookup(customer) }
                found += 1
            } catch is CallNotPermitted {
                refused += 1
                if !customer.hasPrefix("deleted") { refusedReal += 1 }
            } catch {
                notFound += 1
            }
        }
        rows.append([
            name, "\(found)", "\(notFound)", "\(refused) (\(refusedReal) of them real customers)", "\(service.received - before)", "\(breaker.state)",
        ])
    }
    narrator.table(["breaker counts", "found", "404", "refused by the breaker", "reached the service", "state after"], rows)
    narrator.failed(
        "counting every error: five 404s in a row opened the breaker on a healthy service, and the lookups of real customers after them were refused for the whole wait"
    )
    narrator.ok("a 4xx is the caller's mistake, not the service's health: ignored, it neither opens the breaker nor closes it")
}

/// The two classifiers compared: the source's, and one that counts only what the saga of
/// lesson 02 would retry (`ServiceCallError.isTransient`: no answer, no connection, 5xx, 409,
/// 429), so that the caller's own mistakes — a 404, a 400 — are left out.
private let classifiers: [(String, @Sendable (any Error) -> ErrorVerdict)] = [
    ("every error (the source's `except Exception`)", { _ in .failure }),
    ("5xx, timeouts, refused connections, 409, 429", { error in (error as? ServiceCallError)?.isTransient == false ? .ignored : .failure }),
]
