import Foundation
import WorkbookKit

/// Act 8: the questions to ask before splitting, and the arithmetic of a synchronous chain.
func actVerdict(_ stage: Stage) async throws {
    let narrator = stage.narrator
    narrator.say("Availability of a synchronous chain is the product of its links (computed, 99.9% each):")
    let hoursPerYear = 365.25 * 24
    narrator.table(
        ["services in the chain", "availability", "down per year"],
        (1...4).map { links in
            let availability = pow(0.999, Double(links))
            return [
                "\(links)", "\((availability * 100).formatted(fractionDigits: 2))%", "\(((1 - availability) * hoursPerYear).formatted(fractionDigits: 1)) h",
            ]
        })
    let fourLinks = (1 - pow(0.999, 4)) * hoursPerYear
    narrator.say(
        "One of the source articles says four 99.9% services in a chain cost \"3.5 hours of downtime per year\"; the product gives \(fourLinks.formatted(fractionDigits: 1)) h, \(Int((fourLinks / 3.5).rounded())) times that. Compute a quoted figure before you repeat it."
    )
    if let down = stage.paymentsDown.withLock({ $0 }) {
        narrator.say("Act 4 measured the same thing from the other side: while payments was down, \(down.completed) of \(down.attempted) orders went through.")
    }
    narrator.say("Two questions tell a distributed monolith from services:")
    narrator.step("Can I deploy inventory without deploying orders? Here: only while the JSON they exchange stays compatible — a contract to version now.")
    narrator.step("Can orders work while payments is down? Act 4: no order completes. A chain of synchronous calls fails as a whole.")
    narrator.say("Teams against architecture (act 6 counted why):")
    narrator.table(
        ["", "a monolith", "microservices"],
        [
            [
                "one team", "this shop: one deploy, one transaction, no meetings",
                "every cost of acts 1–5 and none of the benefit: one team deploys all of them in lockstep",
            ],
            ["many teams", "a deploy queue and the 3am incident (lesson 01, act 8)", "split by domain, each team ships alone: the cost is paid for something"],
        ])
    narrator.say("Who should split (team size first, then load):")
    narrator.table(
        ["engineers", "users", "architecture"],
        [
            ["1–5", "< 10K", "monolith — this shop, today"],
            ["5–20", "10K–100K", "modular monolith (lesson 04)"],
            ["20–100", "100K–1M", "a few large services, split by domain"],
            ["100+", "1M+", "microservices, with a platform team"],
        ])
    narrator.say(
        "Legitimate reasons to split one module out: it must scale on its own, deploy on its own cadence, or be isolated for compliance (lesson 06 extracts payments for that reason). Not: \"microservices are modern\", or a folder that got big."
    )
    narrator.notice(
        "the decision record is in Lessons/02-premature-split/README.md. The exercise: write the saga of act 3 in Exercises/02-premature-split/OrderSaga.swift."
    )
}
