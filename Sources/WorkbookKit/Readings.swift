/// Durations and numbers as the lessons print them, without Foundation.
extension Duration {
    /// The whole nanoseconds in it (what a histogram or a JSON figure records).
    public var inNanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }

    /// The seconds in it, fractions included (for rates: events per second).
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// A short human reading: "1.3 ns", "850 ns", "12.3 µs", "4.56 ms", "1.20 s".
    public var readable: String {
        let nanoseconds = Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
        switch nanoseconds {
        case ..<10: return "\(nanoseconds.formatted(fractionDigits: 1)) ns"
        case ..<1_000: return "\(Int(nanoseconds.rounded())) ns"
        case ..<1_000_000: return Self.format(nanoseconds / 1e3, "µs")
        case ..<1_000_000_000: return Self.format(nanoseconds / 1e6, "ms")
        default: return Self.format(nanoseconds / 1e9, "s")
        }
    }

    /// A difference with its sign: "+12.3 µs", "−1.20 ms" or "±0" (a difference of two
    /// measurements, which noise can make negative).
    public var signedReadable: String {
        if self == .zero { return "±0" }
        return self < .zero ? "−" + (Duration.zero - self).readable : "+" + readable
    }

    private static func format(_ value: Double, _ unit: String) -> String {
        let digits = value < 10 ? 2 : value < 100 ? 1 : 0
        return "\(value.formatted(fractionDigits: digits)) \(unit)"
    }
}

extension Double {
    /// The number with exactly `fractionDigits` digits after the point, without Foundation.
    public func formatted(fractionDigits: Int) -> String {
        guard isFinite else { return String(self) }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(self) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = self < 0 && scaled != 0 ? "-" : ""
        guard fractionDigits > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: fractionDigits - digits.count))\(digits)"
    }
}
