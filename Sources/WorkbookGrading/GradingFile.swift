/// The shape of a `Lessons/NN-slug/grading.json`, read strictly: an unknown key is a mistake
/// (a misspelt "wieght" would otherwise be ignored), and so is a value out of range.
package struct GradingFile: Decodable {
    package struct Problem: Error { let text: String }

    package struct Check: Decodable {
        package let weight: Double?
        package let visibility: String?

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            let name = container.codingPath.last?.stringValue ?? ""
            try GradingFile.refuseUnknown(container, known: ["weight", "visibility"], in: "check \"\(name)\"")
            weight = try container.decodeIfPresent(Double.self, forKey: AnyKey("weight"))
            visibility = try container.decodeIfPresent(String.self, forKey: AnyKey("visibility"))
            if let weight, weight < 0 || !weight.isFinite { throw Problem(text: "check \"\(name)\": weight must be 0 or more") }
            try GradingFile.checkVisibility(visibility, in: "check \"\(name)\": visibility")
        }
    }

    package let points: Double?
    package let visibility: String?
    package let checks: [String: Check]?

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        try Self.refuseUnknown(container, known: ["about", "points", "visibility", "checks"], in: "the file")
        points = try container.decodeIfPresent(Double.self, forKey: AnyKey("points"))
        visibility = try container.decodeIfPresent(String.self, forKey: AnyKey("visibility"))
        checks = try container.decodeIfPresent([String: Check].self, forKey: AnyKey("checks"))
        if let points, points <= 0 || !points.isFinite { throw Problem(text: "points must be above 0") }
        try Self.checkVisibility(visibility, in: "visibility")
    }

    package static func refuseUnknown(_ container: KeyedDecodingContainer<AnyKey>, known: [String], in place: String) throws {
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw Problem(text: "\(place) has an unknown key \"\(unknown)\"; the keys are \(known.joined(separator: ", "))")
        }
    }

    package static func checkVisibility(_ visibility: String?, in place: String) throws {
        if let visibility, !GradingPolicy.visibilities.contains(visibility) {
            throw Problem(text: "\(place) must be one of \(GradingPolicy.visibilities.joined(separator: ", "))")
        }
    }

    package struct AnyKey: CodingKey {
        package let stringValue: String
        package var intValue: Int? { nil }
        package init(_ name: String) { stringValue = name }
        package init?(stringValue: String) { self.stringValue = stringValue }
        package init?(intValue: Int) { nil }
    }
}
