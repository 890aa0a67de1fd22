/// Reads the `$1`, `$2`, … placeholders of a statement, outside quoted strings and identifiers.
enum Placeholders {
    /// The highest placeholder number in `sql`, or 0 when there is none.
    static func highest(in sql: String) -> Int {
        var highest = 0
        var quote: UInt8?
        let bytes = Array(sql.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "$") {
                var number = 0
                var next = index + 1
                while next < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[next]) {
                    number = number * 10 + Int(bytes[next] - UInt8(ascii: "0"))
                    next += 1
                }
                highest = max(highest, number)
                index = next
                continue
            }
            index += 1
        }
        return highest
    }
}
