import Foundation

/// A lesson's hints file: progressive hints, one `## Hint N` section each.
package enum Hints {
    /// The sections of a hints file that start with `## Hint N`, in order.
    package static func sections(in text: String) -> [String] {
        var hints: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## Hint") {
                if let current { hints.append(current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)) }
                current = []
            } else {
                current?.append(line)
            }
        }
        if let current { hints.append(current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)) }
        return hints
    }
}
