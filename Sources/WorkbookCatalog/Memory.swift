import Foundation

/// Where the workbook keeps what it remembers between calls (the last grade, hints shown).
package struct Memory {
    package let folder: URL

    package init(_ catalog: Catalog) {
        folder = catalog.root.appendingPathComponent(".workbook")
    }

    package func read<Value: Decodable>(_ name: String, as type: Value.Type) -> Value? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    package func write<Value: Encodable>(_ value: Value, to name: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(value).write(to: folder.appendingPathComponent(name))
    }
}
