import Foundation
import WorkbookCatalog

/// The student checkouts of one `workbook grade --student` run, each with a name that is unique
/// in the class: its path below the folder all of them share (`alice/monolith-first`), or its
/// folder's name when there is one checkout. Two checkouts that both kept the default clone name
/// get different names, so that neither's results overwrite the other's.
package struct Students {
    package struct Student {
        package let checkout: URL
        /// How the gradebook and the reports name the student.
        package let name: String
        /// The student's folder under `--output`.
        package let folder: String
    }

    package let all: [Student]

    /// Checks every path before anything is written: each must be a checkout (it has an
    /// `Exercises/` folder), none given twice, no two with the same folder name.
    package init(paths: [String]) throws {
        let checkouts = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath() }
        for (path, checkout) in zip(paths, checkouts) {
            guard FileManager.default.fileExists(atPath: checkout.appendingPathComponent("Exercises").path) else {
                throw UsageError("\(path) is not a student checkout: it has no Exercises/ folder")
            }
        }
        if let twice = Dictionary(grouping: checkouts, by: \.path).first(where: { $0.value.count > 1 })?.key {
            throw UsageError("\(twice) is given twice")
        }
        let shared = Self.sharedParent(of: checkouts)
        all = checkouts.map { checkout in
            let below = Array(checkout.pathComponents.dropFirst(shared.count))
            let name = checkouts.count == 1 || below.isEmpty ? checkout.lastPathComponent : below.joined(separator: "/")
            return Student(checkout: checkout, name: name, folder: Self.safeName(name.replacingOccurrences(of: "/", with: "-")))
        }
        if let clash = Dictionary(grouping: all, by: \.folder).first(where: { $0.value.count > 1 }) {
            throw UsageError(
                "\(clash.value.map(\.checkout.path).joined(separator: " and ")) would both be graded into \(clash.key)/: rename one of the folders")
        }
    }

    /// The path components every checkout's parent folder starts with.
    package static func sharedParent(of checkouts: [URL]) -> [String] {
        let parents = checkouts.map { $0.deletingLastPathComponent().pathComponents }
        guard var shared = parents.first else { return [] }
        for parent in parents.dropFirst() {
            shared = Array(zip(shared, parent).prefix { $0 == $1 }.map(\.0))
        }
        return shared
    }

    /// A folder name for a student: letters, digits, dots, dashes and underscores only.
    package static func safeName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
    }
}
