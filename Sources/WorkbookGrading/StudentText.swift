/// Text that came from a student's run (a failure message, a crash's last lines), made safe to
/// show and export: a terminal's colour and cursor sequences are removed, any other control
/// character that a terminal, an XML file or a web page would act on is replaced by `�` (line
/// breaks and tabs are kept), and it is cut to a bounded length, so
/// that a submission cannot paint the instructor's terminal, break junit.xml or publish a file it
/// read into the results a class sees.
package enum StudentText {
    /// The most characters one message keeps.
    package static let messageLimit = 2_000
    /// The most characters one line of output keeps.
    package static let lineLimit = 300

    package static func clean(_ text: String, limit: Int = messageLimit) -> String {
        // A terminal's colour and cursor sequences go whole; any other control character is shown as �.
        let plain = text.replacing(/\x{1B}\[[0-9;?]*[ -\/]*[@-~]/, with: "")
        var scalars = String.UnicodeScalarView()
        for scalar in plain.unicodeScalars {
            let control = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
            scalars.append(control && scalar != "\n" && scalar != "\t" ? "\u{FFFD}" : scalar)
        }
        let cleaned = String(scalars)
        guard cleaned.count > limit else { return cleaned }
        return String(cleaned.prefix(limit)) + "… (\(cleaned.count - limit) more characters cut)"
    }

    /// Lines of output, each cleaned and cut, at most `count` of them.
    package static func clean(lines: [String], count: Int = 15) -> [String] {
        lines.prefix(count).map { clean($0, limit: lineLimit) }
    }
}
