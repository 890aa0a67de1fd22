import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

extension Executable {
    /// The program at `path` when it holds a slash, else the program of that name on `PATH`.
    static func program(_ path: String) -> Executable {
        path.contains("/") ? .path(FilePath(path)) : .name(path)
    }
}

/// A process that could not be started.
public struct ProcessStartError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
