import Database
import SchemaPerModuleKit

/// Act 2: each module owns a schema; billing learns about users from auth's events and API only.
func actSchemaPerModule(_ stage: Stage) throws {
    let narrator = stage.narrator
    let (database, auth) = try stage.modularShop()
    narrator.step("auth.users lives in schema auth; billing's tables in schema billing. Billing created its customers when auth published \"user registered\".")
    stage.showInvoices(database.connection(for: .billing), auth)
    narrator.step("Auth ships the same rename — in its own schema, with its own API implementation updated in the same change:")
    try auth.migrate(to: 2)
    stage.showInvoices(database.connection(for: .billing), auth)
    narrator.notice(
        "billing never named auth's column, so auth's rename was auth's business alone. The public API (email(of:)) is the contract; the tables behind it are not."
    )
}
