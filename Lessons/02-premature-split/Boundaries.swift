/// A declared model of the shop's code, to count what one feature change touches under two
/// ways of cutting it into services: by technical layer, and by business domain.
///
/// Every piece of the shop's code has a domain (orders, inventory, payments) and a layer (the
/// web page, the business logic, the data access). A split puts each piece in one service, owned
/// by one team; a change touches the services that hold the pieces it edits.
enum Boundaries {
    enum Domain: String, CaseIterable { case orders, inventory, payments }
    enum Layer: String, CaseIterable {
        case page = "web page"
        case logic = "business logic"
        case data = "data access"
    }

    /// One piece of the shop's code.
    struct Piece: Hashable {
        let domain: Domain
        let layer: Layer
    }

    /// A change a product manager asks for, and the pieces it edits.
    struct Change {
        let name: String
        let edits: [Piece]
    }

    /// A way to cut the shop into services, each with one owning team.
    struct Split: Sendable {
        let name: String
        /// The service that holds a piece.
        let service: @Sendable (Piece) -> String
        /// Which service calls which: the contracts between them.
        let calls: Set<[String]>
    }

    static let changes: [Change] = [
        Change(
            name: "add a discount code",
            edits: [
                .init(domain: .orders, layer: .page), .init(domain: .orders, layer: .logic), .init(domain: .orders, layer: .data),
                .init(domain: .payments, layer: .logic),
            ]),
        Change(name: "change the tax rule", edits: [.init(domain: .orders, layer: .logic)]),
        Change(name: "show stock on the product page", edits: [.init(domain: .inventory, layer: .page), .init(domain: .inventory, layer: .logic)]),
        Change(
            name: "accept a new payment method",
            edits: [.init(domain: .payments, layer: .page), .init(domain: .payments, layer: .logic), .init(domain: .payments, layer: .data)]),
        Change(name: "e-mail when stock runs low", edits: [.init(domain: .inventory, layer: .logic), .init(domain: .inventory, layer: .data)]),
    ]

    static let byLayer = Split(
        name: "by layer", service: { $0.layer.rawValue },
        calls: [[Layer.page.rawValue, Layer.logic.rawValue], [Layer.logic.rawValue, Layer.data.rawValue]])

    static let byDomain = Split(
        name: "by domain", service: { $0.domain.rawValue },
        calls: [[Domain.orders.rawValue, Domain.inventory.rawValue], [Domain.orders.rawValue, Domain.payments.rawValue]])

    /// What one change costs under one split: the services it touches (each a deploy and a
    /// team), and the contracts between touched services that change with it.
    struct Cost: Equatable {
        let services: Int
        let contracts: Int
    }

    static func cost(of change: Change, under split: Split) -> Cost {
        let touched = Set(change.edits.map(split.service))
        let contracts = split.calls.filter { $0.allSatisfy(touched.contains) }.count
        return Cost(services: touched.count, contracts: contracts)
    }
}
