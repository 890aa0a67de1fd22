import Foundation
import WorkbookKit

/// What Swift Testing's JSON event stream (version 0) says about one exercise's graded checks.
///
/// Graded checks are parameterised over `Implementation`: each test case's display name starts
/// with `reference` or `student`. A check is one test function; it passes for the student when
/// every student case ran without an issue.
package struct EventStream {
    package struct Check: Sendable, Hashable, Codable {
        package let name: String
        package var studentRan = false
        package var studentFailures: [String] = []
        package var referenceFailures: [String] = []
        /// Whether the check ran to its end (a crash or a time limit can stop it half-way).
        package var ended = false
        /// When the student's case started, and how long it took once it ended (seconds).
        package var studentStarted: Double?
        package var studentSeconds: Double?
    }

    package private(set) var checks: [String: Check] = [:]
    /// The order checks first ran in, for stable tables.
    package private(set) var order: [String] = []
    /// Exercise numbers reported as not attempted.
    package private(set) var notAttempted: Set<String> = []
    /// Checks skipped because they compare with the reference, which the student edition holds out.
    package private(set) var heldOut: Set<String> = []
    /// Whether the run reached its end (a crashed test process never writes `runEnded`).
    package private(set) var finished = false
    /// Why the stream cannot be Swift Testing's alone, when it cannot: a run that started or
    /// ended twice, or records after its end (something else wrote to it).
    package private(set) var tampered: String?

    package init(contentsOf file: URL) {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        var names: [String: String] = [:]
        var starts = 0
        for line in text.split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let kind = record["kind"] as? String, let payload = record["payload"] as? [String: Any]
            else { continue }
            if finished, tampered == nil { tampered = "the event stream goes on after its run ended: something besides the checks wrote to it" }
            if kind == "event", payload["kind"] as? String == "runStarted" {
                starts += 1
                if starts > 1, tampered == nil { tampered = "the event stream holds a second run: something besides the checks wrote to it" }
            }
            if kind == "test", let id = payload["id"] as? String {
                let name = payload["displayName"] as? String ?? payload["name"] as? String ?? id
                names[id] = name
                // The plan lists every test before any runs, with its cases: the graded checks are
                // known even when the process dies half-way.
                let cases = (payload["_testCases"] as? [[String: Any]] ?? []).compactMap { $0["displayName"] as? String }
                if cases.contains(where: { $0.hasPrefix("reference") }), checks[id] == nil {
                    checks[id] = Check(name: name)
                    order.append(id)
                }
                continue
            }
            guard kind == "event", let event = payload["kind"] as? String else { continue }
            switch event {
            case "runEnded": finished = true
            case "testEnded":
                if let id = payload["testID"] as? String { checks[id]?.ended = true }
            case "testSkipped":
                for comment in payload["_comments"] as? [String] ?? [] {
                    if let range = comment.range(of: #"Exercise (\d+) not attempted yet"#, options: .regularExpression) {
                        notAttempted.insert(String(comment[range].dropFirst("Exercise ".count).prefix(2)))
                    }
                    if comment == Implementation.heldOutReason, let id = payload["testID"] as? String { heldOut.insert(id) }
                }
            case "testCaseEnded":
                guard let id = payload["testID"] as? String, Self.side(of: payload) == "student", let ended = Self.time(of: payload),
                    let started = checks[id]?.studentStarted
                else { continue }
                checks[id]?.studentSeconds = max(0, ended - started)
            case "testCaseStarted", "issueRecorded":
                guard let id = payload["testID"] as? String, let side = Self.side(of: payload) else { continue }
                if checks[id] == nil {
                    checks[id] = Check(name: names[id] ?? id)
                    order.append(id)
                }
                if event == "testCaseStarted" {
                    if side == "student" {
                        checks[id]?.studentRan = true
                        checks[id]?.studentStarted = Self.time(of: payload)
                    }
                } else if (payload["issue"] as? [String: Any])?["isKnown"] as? Bool != true {
                    let text = Self.message(of: payload)
                    if side == "student" { checks[id]?.studentFailures.append(text) } else { checks[id]?.referenceFailures.append(text) }
                }
            default: break
            }
        }
    }

    /// The graded checks in the order they ran.
    package var graded: [Check] { order.compactMap { checks[$0] } }

    private static func side(of payload: [String: Any]) -> String? {
        guard let name = (payload["_testCase"] as? [String: Any])?["displayName"] as? String else { return nil }
        let first = name.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return ["reference", "student"].contains(first) ? first : nil
    }

    /// When an event happened, in seconds since 1970.
    private static func time(of payload: [String: Any]) -> Double? {
        (payload["instant"] as? [String: Any])?["since1970"] as? Double
    }

    private static func message(of payload: [String: Any]) -> String {
        let messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        let comments = payload["_comments"] as? [String] ?? []
        // An issue's comment comes both in its messages and on its own, and `Issue.record`'s
        // text is a bare "Issue recorded": each once, and no bare label.
        var seen = Set<String>()
        return (messages + comments).filter { $0 != "Issue recorded" && seen.insert($0).inserted }.joined(separator: "\n")
    }
}
