import Foundation
import ProcessKit
import Testing

/// Whether process `pid` still exists (signal 0 asks without sending anything).
private func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

/// Whether process `pid` is gone within 30 seconds: a killed process whose parent has ended
/// exists until the system's first process reaps it. Generous, so that a loaded machine (the
/// whole suite runs at once) does not fail it; what it checks is that the process goes at all.
private func gone(_ pid: Int32) async throws -> Bool {
    for _ in 0..<600 where alive(pid) { try await Task.sleep(for: .milliseconds(50)) }
    return !alive(pid)
}

private func scratchLog() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("processkit-\(UUID().uuidString).log")
}

@Suite struct GroupRunTests {
    @Test func reportsTheExitCodeAndKeepsBothStreams() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let ending = try await GroupRun.run("sh", ["-c", "echo out; echo err >&2; exit 3"], log: log)
        #expect(ending == .exited(3))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("out") && text.contains("err"))
    }

    @Test func reportsASignal() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        #expect(try await GroupRun.run("sh", ["-c", "kill -KILL $$"], log: log) == .signalled(SIGKILL))
    }

    /// The time limit stops the whole group: here a grandchild that ignores SIGINT and SIGTERM.
    @Test func theLimitStopsTheWholeGroup() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let started = ContinuousClock.now
        let ending = try await GroupRun.run(
            "sh", ["-c", "sh -c 'trap \"\" INT TERM; echo $$; exec sleep 600' & wait"], log: log, limit: .milliseconds(500))
        #expect(ending == .timedOut)
        // Far less than the 600 s the group would take by itself; no tighter, since the whole
        // suite runs at once on a machine that may have two cores.
        #expect(ContinuousClock.now - started < .seconds(300))
        let grandchild = try #require(Int32(String(contentsOf: log, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try await gone(grandchild))
    }

    @Test func cancellingTheCallerStopsTheGroupAndThrows() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let run = Task { try await GroupRun.run("sh", ["-c", "echo $$; exec sleep 60"], log: log) }
        var pid: Int32?
        for _ in 0..<100 where pid == nil {
            try await Task.sleep(for: .milliseconds(50))
            pid = Int32((try? String(contentsOf: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        let child = try #require(pid)
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        #expect(try await gone(child))
    }

    @Test func aMissingProgramIsAnError() async {
        await #expect(throws: (any Error).self) { try await GroupRun.run("no-such-program-here", [], log: scratchLog()) }
    }
}

@Suite struct ChildProcessTests {
    @Test func readsTheFirstLineAndStops() async throws {
        let child = try await ChildProcess.start("sh", ["-c", "echo ready 1234; exec sleep 60"])
        #expect(child.firstLine == "ready 1234")
        #expect(alive(child.pid) && !child.hasEnded)
        await child.stop()
        #expect(child.hasEnded)
        #expect(!alive(child.pid))
    }

    /// `stop` asks with SIGTERM and kills a second later when the child ignores it.
    @Test func stopKillsAChildThatIgnoresSIGTERM() async throws {
        let child = try await ChildProcess.start("sh", ["-c", "trap '' TERM; echo ready; while true; do sleep 1; done"])
        let started = ContinuousClock.now
        await child.stop()
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        #expect(!alive(child.pid))
    }

    /// `kill` sends SIGKILL and nothing before it: a child that notes SIGTERM never notes one.
    @Test func killEndsItAtOnce() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let child = try await ChildProcess.start("sh", ["-c", "trap 'echo term >> \(log.path)' TERM; echo ready; while true; do sleep 0.1; done"])
        await child.kill()
        #expect(!alive(child.pid))
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").isEmpty)
    }

    @Test func aChildThatEndsWithoutALineIsAnError() async {
        await #expect(throws: ProcessStartError.self) { try await ChildProcess.start("sh", ["-c", "exit 0"]) }
    }

    @Test func aChildThatWritesNothingInTimeIsKilled() async {
        let started = ContinuousClock.now
        await #expect(throws: ProcessStartError.self) {
            try await ChildProcess.start("sh", ["-c", "exec sleep 600"], limit: .milliseconds(300))
        }
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test func aChildThatEndsByItselfIsSeenToHaveEnded() async throws {
        let child = try await ChildProcess.start("sh", ["-c", "echo ready; sleep 0.2"])
        for _ in 0..<100 where !child.hasEnded { try await Task.sleep(for: .milliseconds(50)) }
        #expect(child.hasEnded)
        await child.stop()
    }
}

@Suite struct RunToEndTests {
    @Test func answersTheStatusAndBothOutputsApart() throws {
        let ran = try runToEnd(["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(ran.status == 3)
        #expect(ran.output == "out\n")
        #expect(ran.errors == "err\n")
    }

    @Test func runsInTheFolderWithTheEnvironmentAdded() throws {
        let folder = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let ran = try runToEnd(["sh", "-c", "pwd; echo \"$PROCESSKIT_PROBE\""], in: folder, environment: ["PROCESSKIT_PROBE": "given"])
        #expect(ran.output == "\(folder.path)\ngiven\n")
    }

    /// A child that writes more to standard error than a pipe holds (64 KiB on Linux, 16 KiB on
    /// macOS) before it closes standard output: read one stream after the other, it never ends.
    @Test(.timeLimit(.minutes(1))) func aFullErrorPipeDoesNotHangIt() throws {
        let ran = try runToEnd(["sh", "-c", "head -c 300000 /dev/zero | tr '\\\\0' e >&2; echo done"])
        #expect(ran.output == "done\n")
        #expect(ran.errors.count == 300_000)
    }
}
