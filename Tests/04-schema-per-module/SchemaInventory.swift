import Database
import SchemaPerModuleKit

/// The tables that exist, with the schema (or attached database) each one is in.
enum SchemaInventory {
    struct Table: Hashable, CustomStringConvertible {
        let schema: String
        let name: String
        var description: String { "\(schema).\(name)" }
    }

    static func tables(in database: ModularDatabase) throws -> Set<Table> {
        let admin = database.admin
        switch database.engine {
        case .sqlite:
            var tables: Set<Table> = []
            for schema in try admin.query("PRAGMA database_list").map({ try $0.string("name") }) where schema != "temp" {
                for row in try admin.query("SELECT name FROM \(schema).sqlite_master WHERE type = 'table'") {
                    tables.insert(Table(schema: schema, name: try row.string("name")))
                }
            }
            return tables.filter { $0.name != "schema_migrations" }
        case .postgres:
            let rows = try admin.query(
                """
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                """)
            return Set(try rows.map { Table(schema: try $0.string("table_schema"), name: try $0.string("table_name")) })
                .filter { $0.name != "schema_migrations" }
        }
    }
}
