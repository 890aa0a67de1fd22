/// FNV-1a, 64 bits: a cheap, stable digest for telling files apart and for choosing samples.
/// Not for security.
package func fnv1a(_ bytes: some Sequence<UInt8>, from start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    bytes.reduce(start) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}
