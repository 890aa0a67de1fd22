import PropertyBased
import SchemaPerModuleKit
import Shop

/// A generated run of the modular shop: registrations, repeated events, charges (some for
/// unknown users, some repeated, some not positive), address changes, auth's rename, invoices.
struct BillingScenario: Sendable, CustomStringConvertible {
    enum Step: Sendable, Hashable, CustomStringConvertible {
        case register(user: Int)
        case repeatEvent(user: Int)
        case charge(id: Int, user: Int, cents: Int)
        case changeEmail(user: Int)
        case renameAuthColumn
        case summary(user: Int)

        var description: String {
            switch self {
            case .register(let user): "auth registers u\(user)"
            case .repeatEvent(let user): "\"user registered\" for u\(user) delivered again"
            case let .charge(id, user, cents): "charge c\(id): \(Cents(cents)) to u\(user)"
            case .changeEmail(let user): "auth changes u\(user)'s address"
            case .renameAuthColumn: "auth renames users.email to users.email_address"
            case .summary(let user): "invoice summary of u\(user)"
            }
        }
    }

    let steps: [Step]

    var description: String { steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n") }

    static let generator = zip(Gen.int(in: 0...11), Gen.int(in: 0...3), Gen.int(in: -1...4)).array(of: 1...20).map { codes in
        BillingScenario(
            steps: codes.map { code, user, value in
                switch code {
                case 0, 1: .register(user: user)
                case 2: .repeatEvent(user: user)
                case 3...6: .charge(id: value & 3, user: user, cents: value * 125)
                case 7: .changeEmail(user: user)
                case 8: .renameAuthColumn
                default: .summary(user: user)
                }
            })
    }
}
