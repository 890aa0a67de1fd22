import WorkbookKit

/// The source material's bus, for comparison: one queue per consumer, and a consumer loop that
/// sleeps 10 ms whenever it finds its queue empty.
public final class PollingBus<Event: Sendable>: Sendable {
    public init() {}

    private let queue = Locked<[Event]>([])
    private let running = Locked(true)

    /// Starts the consumer loop.
    public func start(_ handle: @escaping @Sendable (Event) async -> Void) -> Task<Void, Never> {
        Task {
            while running.withLock({ $0 }) {
                let next = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                if let next {
                    await handle(next)
                } else {
                    try? await Task.sleep(for: .milliseconds(10))  // back off when idle
                }
            }
        }
    }

    public func publish(_ event: Event) { queue.withLock { $0.append(event) } }

    public func stop() { running.withLock { $0 = false } }
}
