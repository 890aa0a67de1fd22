import Foundation
import ProcessKit
import WorkbookCatalog

/// Where a student's checks run when the grader grades a submission: their code is hostile input.
///
/// - Linux: bubblewrap (`bwrap`, Debian's and Ubuntu's `bubblewrap`). A root made of the
///   system's folders read-only, the build folder read-only, the grade's own folder writable, a
///   private `/tmp` of 1 GiB; no checkout, so no `Solutions/`, `Tests/` or grader's file is there
///   to read. A PID namespace of its own (whatever the checks started dies with them), a network
///   namespace with loopback only (shared when `DATABASE_URL` names a server, which the checks
///   need), an environment of a few variables. Run as root (Gradescope, CI), the checks run as
///   `nobody`, so that the process limit counts; limits on memory (address space), processes,
///   open files, file size and CPU time.
/// - macOS: `sandbox-exec` with a profile of the same intent, as far as `swift test` allows: no
///   reading of the Swift files of `Solutions/` and `Tests/` or of `.git`, writing only in the
///   grade's folder, the build folder and the temporary folders, no network but loopback. It has
///   not run on a Mac in CI; its profile is checked here as text.
/// - Elsewhere, or where the sandbox cannot start (a container without user namespaces), the
///   checks run as they are, and `description` says so.
package struct Sandbox: Sendable {
    package enum Kind: Sendable, Equatable {
        case bubblewrap(path: String)
        case sandboxExec
        case none(why: String)
    }

    package let kind: Kind
    /// Limits for each process of the checks. Address space, not resident memory (no cgroup is
    /// ours to use everywhere): each thread reserves its 8 MiB stack in it, and exercise 05's
    /// checks start 400 threads for the reference and 400 for the student at once — under 8 GiB
    /// one of them failed to start now and then, and the check waited for it until its time
    /// limit (measured). 16 GiB leaves room for that and still refuses a 20 GB allocation.
    package var memoryBytes = 16 << 30
    /// Processes and threads of the checks' user (`nobody` when the grader is root).
    package var processes = 2_048
    package var openFiles = 4_096
    package var fileBytes = 1 << 30
    /// Checkouts whose `Solutions/`, `Tests/` and `.git` the checks must not read. Bubblewrap
    /// shows no checkout at all; sandbox-exec, whose `swift test` plans the package and so must
    /// see its folders, denies reading the files in these three.
    package var hidden: [URL] = []

    package init(kind: Kind) { self.kind = kind }

    /// The sandbox this machine offers, found and tried once.
    package static func available() async -> Sandbox {
        #if os(Linux)
            guard let bwrap = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
                return Sandbox(kind: .none(why: "bubblewrap is not installed (apt-get install bubblewrap)"))
            }
            let probe = Sandbox(kind: .bubblewrap(path: bwrap))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-sandbox-probe-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let log = folder.appendingPathComponent("probe.log")
                let ending = try await probe.run(["/bin/true"], log: log, limit: .seconds(30), environment: [:], writable: folder, readable: [])
                guard ending == .exited(0) else {
                    let why = lastLines(of: log, 3).joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
                    return Sandbox(kind: .none(why: "bubblewrap could not start here (\(why.isEmpty ? "\(ending)" : why))"))
                }
            } catch {
                return Sandbox(kind: .none(why: "bubblewrap could not start here (\(error))"))
            }
            return probe
        #elseif os(macOS)
            return FileManager.default.isExecutableFile(atPath: "/usr/bin/sandbox-exec")
                ? Sandbox(kind: .sandboxExec) : Sandbox(kind: .none(why: "sandbox-exec was not found"))
        #else
            return Sandbox(kind: .none(why: "no sandbox is known on this system"))
        #endif
    }

    /// One line for the start of a grade: what holds the student's code in.
    package var description: String {
        switch kind {
        case .bubblewrap:
            "sandbox: bubblewrap — no checkout to read, own PID namespace, "
                + (sharesNetwork ? "the network shared (DATABASE_URL names a server)" : "loopback only")
                + ", \(memoryBytes >> 30) GiB of memory and \(processes) processes at most\(Self.runsAsNobody ? ", as nobody" : "")"
        case .sandboxExec: "sandbox: sandbox-exec — no checkout to read, writes only in the grade's folder, loopback only"
        case .none(let why): "NOT SANDBOXED: the checks run with your rights, because \(why)"
        }
    }

    private var sharesNetwork: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false }

    private static var runsAsNobody: Bool {
        #if canImport(Glibc)
            getuid() == 0
        #elseif canImport(Darwin)
            false
        #endif
    }

    /// Runs `command` in the sandbox, as `spawn` would: `writable` is the one folder it may write
    /// (besides its own `/tmp`), `readable` the folders it may read besides the system's.
    package func run(
        _ command: [String], log: URL, limit: Duration, environment: [String: String], writable: URL, readable: [URL]
    ) async throws -> Ending {
        switch kind {
        case .bubblewrap(let bwrap):
            if Self.runsAsNobody {
                try? FileManager.default.setAttributes([.ownerAccountID: 65_534, .groupOwnerAccountID: 65_534], ofItemAtPath: writable.path)
            }
            return try await spawn(
                [bwrap] + bubblewrapArguments(writable: writable, readable: readable, environment: environment) + limited(command), log: log, limit: limit)
        case .sandboxExec:
            let profile = Self.profile(writable: writable, build: readable, hidden: hidden)
            return try await spawn(["/usr/bin/sandbox-exec", "-p", profile] + command, log: log, limit: limit, environment: environment)
        case .none:
            return try await spawn(command, log: log, limit: limit, environment: environment)
        }
    }

    /// `command` under the limits (and as nobody, when the grader is root: root's process count
    /// has no limit).
    private func limited(_ command: [String]) -> [String] {
        let seconds = 3_600
        let limits = [
            "/usr/bin/prlimit", "--as=\(memoryBytes)", "--nproc=\(processes)", "--nofile=\(openFiles)", "--fsize=\(fileBytes)", "--cpu=\(seconds)",
            "--core=0", "--",
        ]
        let user = Self.runsAsNobody ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
        return user + limits + command
    }

    private func bubblewrapArguments(writable: URL, readable: [URL], environment: [String: String]) -> [String] {
        var arguments = ["--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if !sharesNetwork { arguments.append("--unshare-net") }
        for system in ["/usr", "/etc"] { arguments += ["--ro-bind-try", system, system] }
        // /bin, /lib… are links into /usr on current Debian and Ubuntu, folders elsewhere.
        for top in ["/bin", "/sbin", "/lib", "/lib64", "/lib32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else {
                arguments += ["--ro-bind-try", top, top]
            }
        }
        // /tmp first: the grade's folders are usually inside it, and a later mount would hide them.
        arguments += ["--perms", "1777", "--size", String(fileBytes), "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]
        // The folders on the way to each mount, readable by the checks' user (bwrap makes them 0700).
        var made = Set<String>()
        // The toolchain's runtime libraries, wherever it is installed (swiftly puts it in a home).
        let toolchain = Self.toolchain.map { [URL(fileURLWithPath: $0)] } ?? []
        for folder in toolchain + readable + [writable] {
            var path = ""
            for part in folder.path.split(separator: "/").dropLast() {
                path += "/" + part
                if made.insert(path).inserted, !["/usr", "/etc", "/tmp", "/proc", "/dev"].contains(path) { arguments += ["--perms", "0755", "--dir", path] }
            }
        }
        for folder in toolchain + readable { arguments += ["--ro-bind", folder.path, folder.path] }
        arguments += ["--bind", writable.path, writable.path, "--chdir", writable.path]
        if Self.runsAsNobody { arguments += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] }
        // NO_COLOR: the run's output goes to a log that people and exports read, not to a terminal.
        var variables = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "NO_COLOR": "1"]
        variables["DATABASE_URL"] = ProcessInfo.processInfo.environment["DATABASE_URL"]
        variables.merge(environment) { $1 }
        arguments.append("--clearenv")
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["--setenv", name, value] }
        return arguments + ["--"]
    }

    /// The toolchain's `usr` folder, when it is outside the system's folders.
    private static var toolchain: String? {
        guard let usr = Toolchain.bin?.deletingLastPathComponent().path else { return nil }
        return usr == "/usr" || usr.hasPrefix("/usr/") ? nil : usr
    }

    /// A sandbox-exec profile: everything the system allows, but no reading of the Swift files in
    /// the hidden checkouts' `Solutions/` and `Tests/` or of their `.git` (their folders stay
    /// listable: `swift test` plans the package), no writing outside the grade's folder, the build
    /// folder (SwiftPM locks it) and the temporary folders, and no network beyond loopback.
    static func profile(writable: URL, build: [URL], hidden: [URL]) -> String {
        func quoted(_ path: String) -> String { "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func escaped(_ path: String) -> String {
            path.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined().replacingOccurrences(of: "\"", with: "\\\"")
        }
        let hide = hidden.map { root in
            let folder = escaped(root.resolvingSymlinksInPath().path)
            return "(regex #\"^\(folder)/(Solutions|Tests)/.*\\.swift$\") (regex #\"^\(folder)/\\.git/\")"
        }.joined(separator: " ")
        let writable = ([writable] + build).map { "(subpath \(quoted($0.resolvingSymlinksInPath().path)))" }.joined(separator: " ")
        return """
            (version 1)
            (allow default)
            \(hide.isEmpty ? "" : "(deny file-read-data \(hide))")
            (deny file-write* (require-not (require-any \(writable) (subpath "/private/tmp") (subpath "/private/var/folders") (literal "/dev/null"))))
            (deny network-outbound (require-not (remote ip "localhost:*")))
            (deny network-inbound (require-not (local ip "localhost:*")))
            """
    }
}
