import Tracing
import WorkbookKit

/// A span of a `SpanRecorder`: what the tracing library's `withSpan` hands its body.
public final class RecordedSpan: Span, Sendable {
    public let context: ServiceContext
    private let recorder: SpanRecorder
    private let parentID: String?
    private let start: UInt64
    private let state: Locked<(name: String, attributes: SpanAttributes, error: String?, ended: Bool)>

    init(recorder: SpanRecorder, context: ServiceContext, operationName: String, parentID: String?, start: UInt64) {
        self.recorder = recorder
        self.context = context
        self.parentID = parentID
        self.start = start
        state = Locked((operationName, [:], nil, false))
    }

    public var operationName: String {
        get { state.withLock { $0.name } }
        set { state.withLock { $0.name = newValue } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { $0.attributes = newValue } }
    }

    public var isRecording: Bool { state.withLock { !$0.ended } }

    public func setStatus(_ status: SpanStatus) {
        guard status.code == .error else { return }
        state.withLock { $0.error = $0.error ?? status.message ?? "error" }
    }

    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        state.withLock { $0.error = String(describing: error) }
    }

    public func addEvent(_ event: SpanEvent) {}

    public func addLink(_ link: SpanLink) {}

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let end = instant().nanosecondsSinceEpoch
        guard
            let snapshot = state.withLock({ state -> (String, SpanAttributes, String?)? in
                guard !state.ended else { return nil }
                state.ended = true
                return (state.name, state.attributes, state.error)
            })
        else { return }
        let (name, attributes, error) = snapshot
        var service = recorder.service
        if case .string(let named)? = attributes["service"]?.toSpanAttribute() { service = named }
        // An HTTP client's span (AsyncHTTPClient's) is named by its method: add the path.
        var operation = name
        if case .string(let path)? = attributes["url.path"]?.toSpanAttribute() { operation += " " + path }
        var failure = error
        if failure == "error", case .int64(let status)? = attributes["http.status_code"]?.toSpanAttribute() { failure = "HTTP \(status)" }
        recorder.record(
            FinishedSpan(
                traceID: context.traceParent?.traceID ?? "", spanID: context.traceParent?.spanID ?? "", parentID: parentID, service: service,
                operation: operation, startNanoseconds: start, durationNanoseconds: end > start ? end - start : 0, error: failure))
    }
}
