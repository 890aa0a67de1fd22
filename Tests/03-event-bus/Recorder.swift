import EventBusKit
import Testing

/// What the handlers of a check saw, in the order they saw it, and gates to hold them.
actor Recorder {
    /// Successful handlings, per consumer, in order.
    private(set) var handled: [String: [EventID]] = [:]
    /// Handler calls per (consumer, event), failed ones included.
    private(set) var calls: [String: [EventID: Int]] = [:]
    private var waiters: [(consumer: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var gates: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var closedGates: Set<String> = []
    private var gateWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Counts a call and answers which attempt this is (1 for the first).
    func call(_ consumer: String, _ event: EventID) -> Int {
        calls[consumer, default: [:]][event, default: 0] += 1
        return calls[consumer]![event]!
    }

    func succeed(_ consumer: String, _ event: EventID) {
        handled[consumer, default: []].append(event)
        let count = handled[consumer]!.count
        let ready = waiters.filter { $0.consumer == consumer && $0.count <= count }
        waiters.removeAll { $0.consumer == consumer && $0.count <= count }
        ready.forEach { $0.continuation.resume() }
    }

    /// Returns once `consumer` has handled at least `count` events.
    func waitFor(_ consumer: String, count: Int) async {
        if handled[consumer, default: []].count >= count { return }
        await withCheckedContinuation { waiters.append((consumer, count, $0)) }
    }

    func handledBy(_ consumer: String) -> [EventID] { handled[consumer] ?? [] }

    // MARK: Gates: a handler that passes a closed gate waits there until it opens.

    func close(_ gate: String) { closedGates.insert(gate) }

    func open(_ gate: String) {
        closedGates.remove(gate)
        gates.removeValue(forKey: gate)?.forEach { $0.resume() }
    }

    func pass(_ gate: String) async {
        guard closedGates.contains(gate) else { return }
        gateWaiters.removeValue(forKey: gate)?.forEach { $0.resume() }
        await withCheckedContinuation { gates[gate, default: []].append($0) }
    }

    /// Returns once some handler is waiting at `gate`.
    func waitUntilSomeoneWaits(at gate: String) async {
        if gates[gate]?.isEmpty == false { return }
        await withCheckedContinuation { gateWaiters[gate, default: []].append($0) }
    }
}

/// A handler's planned failure, with a description the dead letters carry.
struct PlannedFailure: Error, CustomStringConvertible {
    let consumer: String
    let event: EventID
    let attempt: Int
    var description: String { "\(consumer) failed on \(event), attempt \(attempt)" }
}
