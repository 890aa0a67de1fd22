import Foundation
import Tracing
import WorkbookKit

/// One finished span: a piece of work in one service, timed on the wall clock, so that spans
/// from several processes on one machine line up.
public struct FinishedSpan: Codable, Sendable, Hashable {
    public var traceID: String
    public var spanID: String
    /// The span that started this one (in this process, or in the caller's); nil for the root.
    public var parentID: String?
    public var service: String
    public var operation: String
    public var startNanoseconds: UInt64
    public var durationNanoseconds: UInt64
    /// Why it failed, when it did.
    public var error: String?
}

/// A tracer that keeps every finished span in memory, for a lesson to collect by trace id: its
/// own, and each service's through GET /spans. It sends and reads the W3C `traceparent` header.
///
/// `InstrumentationSystem.bootstrap(SpanRecorder(service:))` makes it the process's tracer; until
/// then spans go to the library's no-op tracer and cost next to nothing.
public final class SpanRecorder: Tracer, Sendable {
    /// The service a span belongs to when it does not say (its `service` attribute).
    public let service: String
    private let finished = Locked<[FinishedSpan]>([])

    public init(service: String) {
        self.service = service
    }

    /// The process's recorder, when one was bootstrapped.
    public static var current: SpanRecorder? { InstrumentationSystem.tracer as? SpanRecorder }

    /// The finished spans of one trace, in the order they ended.
    public func spans(inTrace traceID: String) -> [FinishedSpan] {
        finished.withLock { $0.filter { $0.traceID == traceID } }
    }

    /// Keeps the latest `limit` spans: a long-running service forgets the oldest.
    func record(_ span: FinishedSpan) {
        finished.withLock { spans in
            spans.append(span)
            if spans.count > Self.limit { spans.removeFirst(spans.count - Self.limit / 2) }
        }
    }

    static let limit = 20_000

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind, at instant: @autoclosure () -> Instant,
        function: String, file fileID: String, line: UInt
    ) -> RecordedSpan {
        var context = context()
        let parent = context.traceParent
        let own = TraceParent(traceID: parent?.traceID ?? TraceParent.randomID(bytes: 16), spanID: TraceParent.randomID(bytes: 8))
        context.traceParent = own
        return RecordedSpan(
            recorder: self, context: context, operationName: operationName, parentID: parent?.spanID, start: instant().nanosecondsSinceEpoch)
    }

    public func forceFlush() {}

    public func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let parent = context.traceParent else { return }
        injector.inject(parent.header, forKey: TraceParent.headerName, into: &carrier)
    }

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: TraceParent.headerName, from: carrier), let parent = TraceParent(header: value) else { return }
        context.traceParent = parent
    }
}
