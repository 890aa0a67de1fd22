import Foundation
import WorkbookCatalog

/// How an exercise's checks are scored, from the instructor's `Lessons/NN-slug/grading.json`.
/// Without the file every check is worth one point and is visible.
///
///     {
///       "points": 20,
///       "visibility": "visible",
///       "checks": {
///         "the last unit in stock and the last cent of a balance are enough": {"weight": 3},
///         "generated order sequences give the same outcomes and the same tables": {"visibility": "after_due_date"}
///       }
///     }
///
/// `points` is what the whole exercise is worth, shared among its checks by weight; without it a
/// check is worth its weight. A check's `weight` is 1 unless given (0 shows it and scores
/// nothing). `visibility` is Gradescope's, for the exercise and per check. Every check named must
/// exist: `workbook verify` says which do not.
package struct GradingPolicy: Sendable, Equatable {
    package static let visibilities = ["visible", "hidden", "after_due_date", "after_published"]

    package var points: Double?
    package var visibility = "visible"
    package var weights: [String: Double] = [:]
    package var checkVisibilities: [String: String] = [:]
    /// Every check the file names.
    package var named: Set<String> = []

    package init() {}

    /// Reads a grading.json; any mistake in it is a `UsageError` naming `file` and what is wrong.
    package init(json: Data, file: String) throws {
        let read: GradingFile
        do {
            read = try JSONDecoder().decode(GradingFile.self, from: json)
        } catch let error as GradingFile.Problem {
            throw UsageError("\(file): \(error.text)")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let place = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: " → ")
            let what = place.isEmpty ? "the file must be a JSON object" : "\(place) has the wrong type"
            throw UsageError("\(file): \(what) (see course.md, \"Points and visibility\")")
        } catch {
            throw UsageError("\(file) is not valid JSON (see course.md, \"Points and visibility\")")
        }
        points = read.points
        visibility = read.visibility ?? visibility
        for (name, settings) in read.checks ?? [:] {
            named.insert(name)
            weights[name] = settings.weight
            checkVisibilities[name] = settings.visibility
        }
    }

    /// The checks this policy names that are not among `names`.
    package func unknownChecks(among names: some Collection<String>) -> [String] {
        named.subtracting(names).sorted()
    }

    package func weight(of check: String) -> Double { weights[check] ?? 1 }

    package func visibility(of check: String) -> String { checkVisibilities[check] ?? visibility }

    /// What passing `check` earns, among the exercise's `checks`.
    package func worth(of check: String, among checks: [String]) -> Double {
        guard let points else { return weight(of: check) }
        let total = checks.map(weight(of:)).reduce(0, +)
        return total == 0 ? 0 : points * weight(of: check) / total
    }

    /// What the grade earns and what it could have: an exercise whose checks are unknown (it
    /// never built) is still worth its points.
    package func score(_ grade: ExerciseGrade) -> (earned: Double, available: Double) {
        let names = grade.checks.map(\.name)
        let earned = grade.checks.filter { $0.status == .passed }.map { worth(of: $0.name, among: names) }.reduce(0, +)
        return (earned, points ?? names.map(weight(of:)).reduce(0, +))
    }
}
