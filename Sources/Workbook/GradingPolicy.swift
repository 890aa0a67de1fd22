import Foundation

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
struct GradingPolicy: Sendable, Equatable {
    static let visibilities = ["visible", "hidden", "after_due_date", "after_published"]

    var points: Double?
    var visibility = "visible"
    var weights: [String: Double] = [:]
    var checkVisibilities: [String: String] = [:]
    /// Every check the file names.
    var named: Set<String> = []

    init() {}

    /// Reads a grading.json; any mistake in it is a `UsageError` naming `file` and what is wrong.
    init(json: Data, file: String) throws {
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
    func unknownChecks(among names: some Collection<String>) -> [String] {
        named.subtracting(names).sorted()
    }

    func weight(of check: String) -> Double { weights[check] ?? 1 }

    func visibility(of check: String) -> String { checkVisibilities[check] ?? visibility }

    /// What passing `check` earns, among the exercise's `checks`.
    func worth(of check: String, among checks: [String]) -> Double {
        guard let points else { return weight(of: check) }
        let total = checks.map(weight(of:)).reduce(0, +)
        return total == 0 ? 0 : points * weight(of: check) / total
    }

    /// What the grade earns and what it could have: an exercise whose checks are unknown (it
    /// never built) is still worth its points.
    func score(_ grade: ExerciseGrade) -> (earned: Double, available: Double) {
        let names = grade.checks.map(\.name)
        let earned = grade.checks.filter { $0.status == .passed }.map { worth(of: $0.name, among: names) }.reduce(0, +)
        return (earned, points ?? names.map(weight(of:)).reduce(0, +))
    }
}

/// Each exercise's `GradingPolicy`, by slug.
struct Scoring: Sendable {
    var policies: [String: GradingPolicy] = [:]

    subscript(slug: String) -> GradingPolicy { policies[slug] ?? GradingPolicy() }

    /// The policies of a workbook's lessons: a malformed grading.json stops the command before
    /// anything is graded.
    init(catalog: Catalog) throws {
        for lesson in catalog.lessons {
            let file = "Lessons/\(lesson.slug)/grading.json"
            guard let data = FileManager.default.contents(atPath: catalog.root.appendingPathComponent(file).path) else { continue }
            policies[lesson.slug] = try GradingPolicy(json: data, file: file)
        }
    }

    init(_ policies: [String: GradingPolicy] = [:]) { self.policies = policies }

    func score(_ grades: [ExerciseGrade]) -> (earned: Double, available: Double) {
        grades.map { self[$0.slug].score($0) }.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }

    /// One graded check as every export reports it: named with its exercise, what it is worth
    /// (to a hundredth), whether it passed, its visibility and its message.
    struct ScoredCheck {
        let grade: ExerciseGrade
        let check: ExerciseGrade.Check
        let name: String
        let worth: Double
        let visibility: String
        let message: String
        var passed: Bool { check.status == .passed }
        var earned: Double { passed ? worth : 0 }
    }

    /// Every check of `grades`, scored.
    func scoredChecks(_ grades: [ExerciseGrade]) -> [ScoredCheck] {
        grades.flatMap { grade in
            let policy = self[grade.slug]
            let names = grade.checks.map(\.name)
            return grade.checks.map { check in
                ScoredCheck(
                    grade: grade, check: check, name: "Exercise \(grade.number) · \(check.name)",
                    worth: Self.exported(policy.worth(of: check.name, among: names)), visibility: policy.visibility(of: check.name),
                    message: check.message ?? (check.status == .notRun ? "exercise \(grade.number): \(grade.summary)" : ""))
            }
        }
    }

    /// Points as people write them: 3, 2.5, 3.33.
    static func text(_ points: Double) -> String {
        let rounded = (points * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded).replacing(/0$/, with: "")
    }

    /// Points for a JSON export, to a hundredth.
    static func exported(_ points: Double) -> Double { (points * 100).rounded() / 100 }
}
