import WorkbookKit

extension Attempt {
    /// Whether a bus is past its stub: any entry point that cannot hang answers something other
    /// than `NotAttempted`. `waitUntilIdle` is never probed: a half-written one may never return.
    public static func isAttempted(bus: any EventBus) async -> Bool {
        await isAttempted(anyOf: [
            { try await bus.subscribe("probe", to: ProbeEvent.self) { _ in } },
            { try await bus.publish(Envelope(id: "probe", occurredAt: .zero, event: ProbeEvent())) },
            { _ = try await bus.lag() },
            { _ = try await bus.deadLetters() },
            { try await bus.replayDeadLetters() },
        ])
    }
}

/// The event the probe publishes; nobody subscribes to it but the probe.
struct ProbeEvent: ShopEvent {
    static let typeName = "workbook.probe"
    static let version = 1
}
