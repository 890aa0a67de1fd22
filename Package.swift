// swift-tools-version: 6.2
import Foundation
import PackageDescription

// One workbook, six lessons. Each lesson NN-slug is one line of `lessons` below: its kit, its
// exercise, its reference solution, its executable and its graded checks all follow from the
// slug and the prefix (see `LessonTargets`). Heavy dependencies (HTTP) belong only to the lessons
// that need them, so that `swift run monolith-order` on a fresh clone builds quickly. Every
// target declares exactly what its sources import: CI checks it (`.ci/dependencies`).

/// Whether Solutions/ is here. The student edition (`workbook edition`) leaves it out: its lessons
/// and checks then build without the reference solutions (`#if canImport(…Solution)`) and run the
/// student's own code.
let referenceShipped = shipped("Solutions")

/// Whether `path`, from the package's root, is here.
func shipped(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: Context.packageDirectory + "/" + path)
}

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let deque = Target.Dependency.product(name: "DequeModule", package: "swift-collections")
let tracing = Target.Dependency.product(name: "Tracing", package: "swift-distributed-tracing")

/// The lessons, in order: one line each, which `swift format` is told to leave alone.
// swift-format-ignore
let lessons = [
    LessonTargets("MonolithOrder", "01-monolith-order", kit: ["Database", "Shop"], answer: ["Database", "Shop"], runs: ["CSQLite", "Database", "Shop"], checks: ["Database", "GradingKit", "LessonKit", "Shop"]),
    LessonTargets("PrematureSplit", "02-premature-split", kit: ["Database", "ServiceKit", "Shop"], answer: ["ServiceKit"], runs: [asyncHTTPClient, "Database", hummingbird, "MonolithOrderKit", nioCore, "ServiceKit", "Shop", tracing] + reference("MonolithOrder"), checks: ["Database", "GradingKit", "LessonKit", "ServiceKit", "Shop"]),
    LessonTargets("EventBus", "03-event-bus", kit: ["Database", "LessonKit", "Shop"], answer: [deque], runs: ["Database", "Shop"], checks: ["GradingKit"]),
    LessonTargets("SchemaPerModule", "04-schema-per-module", kit: ["Database", "LessonKit", "ProcessKit", "Shop"], answer: ["Database", "Shop"], runs: ["Database", "SchemaPerModuleAuth", "Shop"], checks: ["Database", "GradingKit", "LessonKit", "SchemaPerModuleAuth", "Shop"]),
    LessonTargets("CircuitBreaker", "05-circuit-breaker", runs: ["ServiceKit"], checks: ["GradingKit"]),
    LessonTargets("StranglerFig", "06-strangler-fig", kit: [asyncHTTPClient, "Database", hummingbird, nioCore, "ServiceKit", "Shop"], runs: [asyncHTTPClient, "Database", hummingbird, nioCore, "ProcessKit", "ServiceKit", "Shop"], checks: ["GradingKit"]),
]

let package = Package(
    name: "MonolithFirst",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "workbook", targets: ["Workbook"])
    ] + lessons.map(\.product),
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // One trait, not Hummingbird's two defaults: SwiftPM passes enabled traits as -D flags in
        // an order that changes between runs, and each change rebuilt every Hummingbird module
        // (about 10 s) on the next build (measured). ConfigurationSupport (swift-configuration)
        // is not used here.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // HTTP/2 for lesson 02's gRPC, by hand: already built for AsyncHTTPClient, so it costs
        // no build time, where grpc-swift and swift-protobuf would add minutes to a cold build.
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),

        // Shared code.
        .target(name: "Database", dependencies: ["CSQLite", "CLibPQ"], swiftSettings: strict),
        // What exercises and solutions may use: NotAttempted, clocks, Locked, seeded randomness,
        // the reference/student switch. Nothing else, so that they build on no other package.
        .target(
            name: "WorkbookKit",
            // The student edition's WorkbookKit says the reference is held out (`Implementation`).
            swiftSettings: strict + (referenceShipped ? [] : [.define("REFERENCE_HELD_OUT")]),
            // LLVM's lld, shipped with the toolchain, links the test bundle in about half the time
            // of the default gold (1.7 s against 3–4 s here): every target links WorkbookKit, so
            // every link of the package, and every grade after an edit, uses it.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]),
        // What a lesson's run uses besides: narration, tables and charts, latency histograms,
        // benches, Ctrl-C, scratch folders, the machine's load.
        .target(
            name: "LessonKit",
            dependencies: [
                "WorkbookKit",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                argumentParser,
            ],
            swiftSettings: strict),
        .target(name: "Shop", dependencies: ["Database"], swiftSettings: strict),
        // What the graded checks share: replaying one generated run by its seed.
        .target(name: "GradingKit", dependencies: [propertyBased], swiftSettings: strict),
        // Child processes, the same on Linux and macOS (swift-subprocess): the grader's runs and
        // the lessons' services. FilePath comes from System on macOS, from swift-system elsewhere.
        .target(
            name: "ProcessKit",
            dependencies: [
                "WorkbookKit",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strict),
        // The `workbook` command: a thin layer of subcommands over the libraries below it.
        .executableTarget(
            name: "Workbook",
            dependencies: [
                "WorkbookKit", "LessonKit", "ProcessKit", argumentParser, "WorkbookCatalog", "WorkbookGrading", "WorkbookExports", "WorkbookSimilarity",
                "WorkbookSite", "WorkbookTemplate",
            ],
            swiftSettings: strict),
        // The workbook's layout: lessons, their files and texts, stubs, what a run remembers.
        .target(name: "WorkbookCatalog", dependencies: ["WorkbookKit", "ProcessKit"], swiftSettings: strict),
        // Grading: a grading copy, swift test's event stream, scores, mistakes, a class of checkouts.
        .target(name: "WorkbookGrading", dependencies: ["WorkbookCatalog", "WorkbookKit", "LessonKit", "ProcessKit"], swiftSettings: strict),
        // What grades become: CSV, JUnit, Gradescope and GitHub Actions files, the student edition.
        .target(name: "WorkbookExports", dependencies: ["WorkbookCatalog", "WorkbookGrading"], swiftSettings: strict),
        // Copies between students' solutions, by fingerprints of their tokens.
        .target(name: "WorkbookSimilarity", swiftSettings: strict),
        // The course as DocC tutorials.
        .target(name: "WorkbookSite", dependencies: ["WorkbookCatalog"], swiftSettings: strict),
        // A new lesson's files, from the course's naming rule.
        .target(name: "WorkbookTemplate", dependencies: ["WorkbookCatalog", "WorkbookGrading"], swiftSettings: strict),
        // HTTP on loopback for the lessons about services (02, 05, 06) — and only for them.
        .target(
            name: "ServiceKit",
            dependencies: [
                "WorkbookKit", "LessonKit", "ProcessKit", hummingbird, asyncHTTPClient, nioCore,
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                tracing,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DatabaseTests", dependencies: ["Database"], swiftSettings: strict),
        .testTarget(name: "WorkbookKitTests", dependencies: ["WorkbookKit"], swiftSettings: strict),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "WorkbookKit"], swiftSettings: strict),
        .testTarget(name: "GradingKitTests", dependencies: ["GradingKit", propertyBased], swiftSettings: strict),
        .testTarget(name: "ProcessKitTests", dependencies: ["ProcessKit"], swiftSettings: strict),
        .testTarget(name: "ShopTests", dependencies: ["Shop", "Database"], swiftSettings: strict),
        .testTarget(name: "PrematureSplitKitTests", dependencies: ["PrematureSplitKit", "ServiceKit", "Database", "Shop"], swiftSettings: strict),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", tracing, nioCore,
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict),

        // Lesson 04's modules besides billing (the exercise): each a target of its own, so that
        // billing may depend on the modules' public API (the kit), never on another module.
        .target(name: "SchemaPerModuleAuth", dependencies: ["SchemaPerModuleKit", "Database"], swiftSettings: strict),
    ] + workbookTests + lessons.flatMap(\.targets)
)

/// The workbook command's own tests, one target per library: the student edition leaves them to
/// the instructor's copy.
var workbookTests: [Target] {
    let suites: [(name: String, dependencies: [Target.Dependency])] = [
        ("WorkbookCatalogTests", ["WorkbookCatalog", "WorkbookGrading"]),
        ("WorkbookGradingTests", ["GradingKit", "WorkbookCatalog", "WorkbookGrading", "WorkbookExports"]),
        ("WorkbookExportsTests", ["WorkbookCatalog", "WorkbookGrading", "WorkbookExports"]),
        ("WorkbookSimilarityTests", ["WorkbookCatalog", "WorkbookSimilarity"]),
        ("WorkbookSiteTests", ["WorkbookCatalog", "WorkbookSite", "WorkbookTemplate"]),
        ("WorkbookTests", ["Workbook", "WorkbookCatalog", "WorkbookGrading"]),
    ]
    return suites.filter { shipped("Tests/\($0.name)") }.map { .testTarget(name: $0.name, dependencies: $0.dependencies, swiftSettings: strict) }
}

/// Lesson `prefix`'s reference solution, or in the student edition the student's own answer.
func reference(_ prefix: String) -> [Target.Dependency] {
    [.target(name: prefix + (referenceShipped ? "Solution" : "Exercise"))]
}

/// One lesson's targets and product, by the course's naming rule (DESIGN.md) for prefix P and
/// NN-slug. Each list names exactly what those sources import besides what every one of them
/// does:
/// - `PKit` (Sources/PKit), the given code: WorkbookKit and `kit`;
/// - `PExercise` (Exercises/NN-slug) and `PSolution` (Solutions/NN-slug): the kit, WorkbookKit and
///   `answer` — the same for both, so that a solution sees no more than the student's file; the
///   student edition has no `PSolution`, and the targets below see only `PExercise`;
/// - `PLesson` (Lessons/NN-slug; the executable `slug`): the kit, both answers, ArgumentParser,
///   WorkbookKit, LessonKit and `runs`;
/// - `PTests` (Tests/NN-slug): the kit, both answers, PropertyBased, WorkbookKit and `checks`.
struct LessonTargets {
    let targets: [Target]
    let product: Product

    init(
        _ prefix: String, _ slug: String,
        kit: [Target.Dependency] = [], answer: [Target.Dependency] = [],
        runs: [Target.Dependency] = [], checks: [Target.Dependency] = []
    ) {
        let given = Target.Dependency.target(name: prefix + "Kit")
        let answers: [Target.Dependency] = [.target(name: prefix + "Exercise")] + (referenceShipped ? [.target(name: prefix + "Solution")] : [])
        let solution: [Target] =
            referenceShipped
            ? [.target(name: prefix + "Solution", dependencies: [given, "WorkbookKit"] + answer, path: "Solutions/\(slug)", swiftSettings: strict)] : []
        targets =
            [
                .target(name: prefix + "Kit", dependencies: ["WorkbookKit"] + kit, swiftSettings: strict),
                .target(name: prefix + "Exercise", dependencies: [given, "WorkbookKit"] + answer, path: "Exercises/\(slug)", swiftSettings: strict),
                .executableTarget(
                    name: prefix + "Lesson", dependencies: [given] + answers + [argumentParser, "WorkbookKit", "LessonKit"] + runs,
                    path: "Lessons/\(slug)",
                    exclude: ["README.md", "hints.md", "smoke.json", "payments.proto", "recorded-run.txt"].filter { shipped("Lessons/\(slug)/\($0)") },
                    swiftSettings: strict),
                .testTarget(
                    name: prefix + "Tests", dependencies: [given] + answers + [propertyBased, "WorkbookKit"] + checks,
                    path: "Tests/\(slug)", exclude: ["Mistakes", "CONTRACT.md", "Recorded"].filter { shipped("Tests/\(slug)/\($0)") }, swiftSettings: strict),
            ] + solution
        product = .executable(name: String(slug.drop { $0 != "-" }.dropFirst()), targets: [prefix + "Lesson"])
    }
}
