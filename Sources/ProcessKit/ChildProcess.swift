import Foundation
import Subprocess
import WorkbookKit

/// A child process that runs until it is stopped: a lesson's service. It starts with this
/// process's environment and standard error, standard input from /dev/null; its standard output
/// is read for one line (how a service says it is ready) and then drained until it closes.
public final class ChildProcess: Sendable {
    /// The child's process id.
    public let pid: Int32
    /// The first line it wrote.
    public let firstLine: String
    private let requests: AsyncStream<Request>.Continuation
    private let running: Task<Void, Never>
    private let ended: Locked<Bool>

    private enum Request { case stop, kill }

    private init(pid: Int32, firstLine: String, requests: AsyncStream<Request>.Continuation, running: Task<Void, Never>, ended: Locked<Bool>) {
        self.pid = pid
        self.firstLine = firstLine
        self.requests = requests
        self.running = running
        self.ended = ended
    }

    /// Starts `program arguments…` and waits up to `limit` for its first line. A child that
    /// writes none in time is killed, and the error says so.
    public static func start(_ program: String, _ arguments: [String], limit: Duration = .seconds(20)) async throws(ProcessStartError) -> ChildProcess {
        let (requests, requester) = AsyncStream<Request>.makeStream()
        let (firstLines, firstLineSink) = AsyncStream<Result<(Int32, String), ProcessStartError>>.makeStream()
        let ended = Locked(false)
        let running = Task {
            do {
                _ = try await Subprocess.run(
                    .program(program), arguments: Arguments(arguments),
                    input: .none, output: .sequence, error: .currentStandardError
                ) { execution in
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            var first: String?
                            do {
                                for try await line in execution.standardOutput.strings() where first == nil {
                                    first = line
                                    firstLineSink.yield(.success((execution.processIdentifier.value, line)))
                                }
                            } catch {}
                            if first == nil { firstLineSink.yield(.failure(ProcessStartError("it ended before it wrote a line"))) }
                        }
                        group.addTask {
                            for await request in requests {
                                switch request {
                                case .stop: await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))])
                                case .kill: try? execution.send(signal: .kill)
                                }
                                return
                            }
                        }
                        // The child closed its output (it ended), or a stop was asked and done.
                        await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                firstLineSink.yield(.failure(ProcessStartError(String(describing: error))))
            }
            ended.withLock { $0 = true }
            firstLineSink.finish()
        }
        let answer = await withTaskGroup(of: Result<(Int32, String), ProcessStartError>?.self) { group in
            group.addTask {
                for await answer in firstLines { return answer }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        switch answer {
        case .success(let (pid, line)):
            return ChildProcess(pid: pid, firstLine: line, requests: requester, running: running, ended: ended)
        case .failure(let error):
            requester.yield(.kill)
            await running.value
            throw error
        case nil:
            requester.yield(.kill)
            await running.value
            throw ProcessStartError("it wrote nothing within \(limit)")
        }
    }

    /// Asks it to stop (SIGTERM), kills it (SIGKILL) if it has not after a second, and returns
    /// once it has ended.
    public func stop() async {
        requests.yield(.stop)
        await running.value
    }

    /// Kills it at once (SIGKILL), as a crash would, and returns once it has ended.
    public func kill() async {
        requests.yield(.kill)
        await running.value
    }

    /// Whether it has ended, stopped or by itself.
    public var hasEnded: Bool { ended.withLock { $0 } }
}
