import ServiceKit

/// The rules a plan sent to `PUT /_facade/plan` must keep, beyond its types.
extension MigrationPlan: CheckedOnArrival {
    public func check() throws(BadRequest) {
        for (index, rule) in rules.enumerated() {
            guard rule.prefix.hasPrefix("/") else {
                throw BadRequest(reason: "rules.\(index).prefix must start with /, got \"\(rule.prefix)\"")
            }
            guard (0...100).contains(rule.percentage) else {
                throw BadRequest(reason: "rules.\(index).percentage must be between 0 and 100, got \(rule.percentage)")
            }
            guard !rule.group.isEmpty else { throw BadRequest(reason: "rules.\(index).group must not be empty") }
        }
    }
}
