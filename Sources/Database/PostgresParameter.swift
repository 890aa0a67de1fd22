import CLibPQ

/// One bound value as libpq wants it: a type OID, bytes, and text (0) or binary (1) format.
struct PostgresParameter {
    let type: UInt32
    let bytes: [UInt8]?
    let format: Int32

    init(_ value: SQLValue) {
        switch value {
        case .null: (type, bytes, format) = (0, nil, 0)
        case .integer(let number): (type, bytes, format) = (20, Array(String(number).utf8), 0)  // int8
        case .real(let number): (type, bytes, format) = (701, Array(String(number).utf8), 0)  // float8
        // 0 = unknown: the server infers the type from the context, as for a quoted literal.
        case .text(let text): (type, bytes, format) = (0, Array(text.utf8), 0)
        case .blob(let data): (type, bytes, format) = (17, data, 1)  // bytea, binary
        }
    }

    /// Calls `body` with the C arrays `PQexecParams` takes, valid only during the call.
    static func withArrays<Result>(
        _ parameters: [PostgresParameter],
        _ body: (UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> Result
    ) -> Result {
        // Each value is copied into a NUL-terminated buffer that lives until `body` returns.
        let buffers: [UnsafeMutablePointer<CChar>?] = parameters.map { parameter in
            guard let bytes = parameter.bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.initialize(from: $0.baseAddress!, count: bytes.count) }
            }
            buffer[bytes.count] = 0
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        let values = buffers.map { UnsafePointer($0) }
        let types = parameters.map(\.type)
        let lengths = parameters.map { Int32($0.bytes?.count ?? 0) }
        let formats = parameters.map(\.format)
        return types.withUnsafeBufferPointer { types in
            values.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    /// Decodes bytea's text output, `\x` followed by hex digits.
    static func decodeHexBytea(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8.dropFirst(2))
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: c &- UInt8(ascii: "A") &+ 10
            }
        }
        return stride(from: 0, to: digits.count - 1, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }
}
