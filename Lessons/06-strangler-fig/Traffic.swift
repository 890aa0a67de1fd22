import Foundation
import ServiceKit
import StranglerFigKit
import WorkbookKit

/// The shop's tenants: forty storefronts, each paying through the shop.
let tenants = (1...40).map { "t-\($0)" }

/// The customer a tenant's charges come from.
func customer(of tenant: String) -> String {
    let customers = lessonShop.customers.map(\.id.rawValue)
    return customers[(Int(tenant.dropFirst(2)) ?? 0) % customers.count]
}

/// A fee quote for a random amount: read-only, safe to shadow.
func feeQuotePath(_ random: inout SeededRandom) -> String {
    "/payments/fees?amount=\(Int.random(in: 100...99_999, using: &random))"
}

/// A charge body: moves money, never shadowed.
func chargeBody(for tenant: String, _ random: inout SeededRandom) -> Data {
    JSON.encode(ChargeRequest(customerID: customer(of: tenant), amountCents: Int.random(in: 100...5_000, using: &random)))
}

/// Counts per destination, from the facade's stats, as table rows.
func destinationRows(_ stats: FacadeStats) -> [[String]] {
    Destination.allCases.map { destination in
        let requests = stats.requests[destination.rawValue] ?? 0
        let errors = stats.errors[destination.rawValue] ?? 0
        let rate = requests == 0 ? 0 : Double(errors) * 100 / Double(requests)
        return [destination.rawValue, "\(requests)", "\(errors) (\(rate.formatted(fractionDigits: 1))%)"]
    }
}
