import Foundation

/// One student's solution to an exercise, as fingerprints per file.
package struct Submission {
    package let name: String
    package let byFile: [String: Fingerprints]

    /// `read` answers a file's text, or nil when the student has no such file.
    package init(name: String, files: [String], stubs: [String: String], read: (String) -> String?) {
        self.name = name
        byFile = Dictionary(uniqueKeysWithValues: files.compactMap { file in read(file).map { (file, Fingerprints($0, stub: stubs[file] ?? "")) } })
    }

    package var fingerprints: Int { byFile.values.map(\.count).reduce(0, +) }

    /// Two students compared.
    package struct Pair {
        package let first: String
        package let second: String
        package let similarity: Double
        /// "File.swift 12–40, 55–60" for each side.
        package let firstLines: String
        package let secondLines: String
    }

    /// Every pair, most alike first.
    package static func pairs(_ submissions: [Submission]) -> [Pair] {
        var pairs: [Pair] = []
        for (offset, first) in submissions.enumerated() {
            for second in submissions.dropFirst(offset + 1) {
                pairs.append(first.compared(with: second))
            }
        }
        return pairs.sorted { $0.similarity > $1.similarity }
    }

    package func compared(with other: Submission) -> Pair {
        let mine = Fingerprints(merging: byFile.values)
        let theirs = Fingerprints(merging: other.byFile.values)
        return Pair(
            first: name, second: other.name, similarity: mine.similarity(to: theirs),
            firstLines: sharedLines(with: theirs), secondLines: other.sharedLines(with: mine))
    }

    private func sharedLines(with other: Fingerprints) -> String {
        byFile.keys.sorted().compactMap { file in
            let ranges = byFile[file]!.sharedLines(with: other)
            guard !ranges.isEmpty else { return nil }
            return "\(file) " + ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
        }.joined(separator: "; ")
    }
}
