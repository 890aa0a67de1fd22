import Database
import SchemaPerModuleKit

/// Act 5: billing moved to a database of its own by configuration alone.
func actExtraction(_ stage: Stage) throws {
    let narrator = stage.narrator
    narrator.step("The same modules, configured with billing in a separate database (`ModularDatabase(at:separate: [.billing])`):")
    let (database, auth) = try stage.modularShop(separate: [.billing])
    let billing = database.connection(for: .billing)
    let where_ =
        database.engine == .postgres
        ? (try billing.query("SELECT current_database() AS name").first?.string("name")).map { "database \($0)" } ?? "?"
        : "its own file, with no other module attached"
    narrator.say("billing's tables are now in \(where_) (scratch: removed when the lesson ends).")
    stage.showInvoices(billing, auth)
    narrator.notice(
        "billing's code did not change: it only ever touched its own schema and auth's API. Extraction later means putting auth's API behind an HTTP client and the events on a queue — the business logic stays."
    )
}
