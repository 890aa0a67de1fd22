import Foundation

/// The Swift toolchain that builds the grading copy: the folder of the `swift` on PATH, its
/// links resolved (`…/usr/bin`), or nil when PATH has none.
enum Toolchain {
    static let bin: URL? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: swift.path) { return swift.resolvingSymlinksInPath().deletingLastPathComponent() }
        }
        return nil
    }()
}
