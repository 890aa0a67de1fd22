/// Which build configuration this binary was compiled with, to print beside every measurement.
public enum BuildConfiguration {
    #if DEBUG
        public static let name = "debug"
        public static let isRelease = false
    #else
        public static let name = "release"
        public static let isRelease = true
    #endif

    /// A hint to print beside timings from a debug build.
    public static var timingAdvice: String? {
        isRelease ? nil : "debug build: for representative timings run it with `swift run -c release …`"
    }
}
