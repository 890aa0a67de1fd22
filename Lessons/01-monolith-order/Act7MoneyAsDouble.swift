import Shop
import WorkbookKit

/// Act 7: money as binary floating point, as the source material's `Float` price column and its
/// float events keep it, computed here beside integer cents (`Cents`, the INTEGER `*_cents`
/// columns). Every figure in the table is computed by this run.
func actMoneyAsDouble(_ stage: Stage) throws {
    let narrator = stage.narrator
    narrator.say("Decimal amounts such as 0.10 or 19.99 have no exact binary floating-point value; Double keeps the nearest one.")
    var rows: [[String]] = []

    for (dollars, cents) in [(19.99, Cents(1_999)), (4.35, Cents(435))] {
        // The source's conversion: int(price * 100) in Python, Int(price * 100) in Swift; both truncate.
        let converted = Int(dollars * 100)
        rows.append([
            "$\(dollars) to cents: Int(dollars × 100)", "\(converted) (\(dollars * 100))", "\(cents.value)",
            converted == cents.value ? "✓ same" : "✗ a cent lost",
        ])
    }

    // Parsed, as the source's JSON prices are: literals would be folded by the compiler.
    let balance = Double("0.30")!
    let total = Double("0.10")! + Double("0.20")!
    let paysInDouble = balance >= total
    let paysInCents = Cents(30) >= Cents(10) + Cents(20)
    rows.append([
        "a $0.30 balance pays $0.10 + $0.20 (balance >= total)", paysInDouble ? "paid" : "refused: \(total) > \(balance)",
        paysInCents ? "paid, balance $0.00" : "refused", paysInDouble == paysInCents ? "✓ same" : "✗ exactly enough is refused",
    ])

    let count = 1_000_000
    let price = 149.99
    var sum = 0.0
    for _ in 0..<count { sum += price }
    let exact = Cents(14_999).times(count) ?? .zero
    let drift = (Double(exact.value) - sum * 100).magnitude
    rows.append([
        "\(count) orders of $\(price), summed", "\(sum) (\(drift.formatted(fractionDigits: 3)) ¢ off)", "\(exact)",
        drift == 0 ? "✓ same" : "✗ the books drift",
    ])
    narrator.table(["money", "as Double (dollars)", "as integer cents", "verdict"], rows)
    narrator.notice(
        "rounding every result to the cent hides the drift until a comparison or a truncation lands on the wrong side of it, as two rows above do. Integer cents are exact, sum in any order, and compare as the customer expects; the shop keeps every amount as Cents and every column as INTEGER *_cents."
    )
}
