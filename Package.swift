// swift-tools-version: 6.2
import PackageDescription

// One workbook, six lessons. Each lesson NN-slug is four targets that share its slug:
// Lessons/NN-slug (the executable), Exercises/NN-slug (the student's code),
// Solutions/NN-slug (the reference) and Tests/NN-slug (the graded checks).
// Heavy dependencies (HTTP) belong only to the lessons that need them, so that
// `swift run monolith-order` on a fresh clone builds quickly.

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "MonolithFirst",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "workbook", targets: ["Workbook"]),
        .executable(name: "workbook-bench", targets: ["WorkbookBench"]),
        .executable(name: "monolith-order", targets: ["MonolithOrderLesson"]),
        .executable(name: "event-bus", targets: ["EventBusLesson"]),
        .executable(name: "schema-per-module", targets: ["SchemaPerModuleLesson"]),
        .executable(name: "premature-split", targets: ["PrematureSplitLesson"]),
        .executable(name: "circuit-breaker", targets: ["CircuitBreakerLesson"]),
        .executable(name: "strangler-fig", targets: ["StranglerFigLesson"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
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
        .target(
            name: "WorkbookKit",
            dependencies: [
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .target(name: "Shop", dependencies: ["Database"], swiftSettings: strict),
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
        .executableTarget(
            name: "Workbook",
            dependencies: [
                "WorkbookKit", "ProcessKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // HTTP on loopback for the lessons about services (02, 05, 06) — and only for them.
        .target(
            name: "ServiceKit",
            dependencies: [
                "WorkbookKit", "ProcessKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook"], swiftSettings: strict),
        .testTarget(name: "DatabaseTests", dependencies: ["Database"], swiftSettings: strict),
        .testTarget(name: "WorkbookKitTests", dependencies: ["WorkbookKit"], swiftSettings: strict),
        .testTarget(name: "ProcessKitTests", dependencies: ["ProcessKit"], swiftSettings: strict),
        .testTarget(name: "ShopTests", dependencies: ["Shop", "Database"], swiftSettings: strict),

        // Lesson 01: the monolith's order transaction.
        .target(
            name: "MonolithOrderKit", dependencies: ["Database", "Shop", "WorkbookKit"],
            swiftSettings: strict),
        .target(
            name: "MonolithOrderExercise", dependencies: ["MonolithOrderKit", "Database", "Shop", "WorkbookKit"],
            path: "Exercises/01-monolith-order", swiftSettings: strict),
        .target(
            name: "MonolithOrderSolution", dependencies: ["MonolithOrderKit", "Database", "Shop", "WorkbookKit"],
            path: "Solutions/01-monolith-order", swiftSettings: strict),
        .executableTarget(
            name: "MonolithOrderLesson",
            dependencies: [
                "MonolithOrderKit", "MonolithOrderExercise", "MonolithOrderSolution",
                "Database", "Shop", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/01-monolith-order", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "MonolithOrderTests",
            dependencies: [
                "MonolithOrderKit", "MonolithOrderExercise", "MonolithOrderSolution",
                "Database", "Shop", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/01-monolith-order", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),

        // Lesson 03: the event bus.
        .target(
            name: "EventBusKit", dependencies: ["Database", "Shop", "WorkbookKit"],
            swiftSettings: strict),
        .target(
            name: "EventBusExercise", dependencies: ["EventBusKit", "WorkbookKit"],
            path: "Exercises/03-event-bus", swiftSettings: strict),
        .target(
            name: "EventBusSolution", dependencies: ["EventBusKit", "WorkbookKit"],
            path: "Solutions/03-event-bus", swiftSettings: strict),
        .executableTarget(
            name: "EventBusLesson",
            dependencies: [
                "EventBusKit", "EventBusExercise", "EventBusSolution", "Database", "Shop", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/03-event-bus", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "EventBusTests",
            dependencies: [
                "EventBusKit", "EventBusExercise", "EventBusSolution", "Database", "Shop", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/03-event-bus", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),

        // Lesson 04: schema per module. Each module is its own target; billing (the exercise)
        // may depend on the modules' public API (the kit), never on another module's target.
        .target(name: "SchemaPerModuleKit", dependencies: ["Database", "Shop", "WorkbookKit"], swiftSettings: strict),
        .target(name: "SchemaPerModuleAuth", dependencies: ["SchemaPerModuleKit", "Database"], swiftSettings: strict),
        .target(
            name: "SchemaPerModuleExercise", dependencies: ["SchemaPerModuleKit", "Database", "Shop", "WorkbookKit"],
            path: "Exercises/04-schema-per-module", swiftSettings: strict),
        .target(
            name: "SchemaPerModuleSolution", dependencies: ["SchemaPerModuleKit", "Database", "Shop", "WorkbookKit"],
            path: "Solutions/04-schema-per-module", swiftSettings: strict),
        .executableTarget(
            name: "SchemaPerModuleLesson",
            dependencies: [
                "SchemaPerModuleKit", "SchemaPerModuleAuth", "SchemaPerModuleExercise", "SchemaPerModuleSolution",
                "Database", "Shop", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/04-schema-per-module", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "SchemaPerModuleTests",
            dependencies: [
                "SchemaPerModuleKit", "SchemaPerModuleAuth", "SchemaPerModuleExercise", "SchemaPerModuleSolution",
                "Database", "Shop", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/04-schema-per-module", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),
            // Lesson 02: the premature microservice split.
        .target(
            name: "PrematureSplitKit", dependencies: ["ServiceKit", "Database", "Shop", "WorkbookKit"],
            swiftSettings: strict),
        .target(
            name: "PrematureSplitExercise", dependencies: ["PrematureSplitKit", "WorkbookKit"],
            path: "Exercises/02-premature-split", swiftSettings: strict),
        .target(
            name: "PrematureSplitSolution", dependencies: ["PrematureSplitKit", "WorkbookKit"],
            path: "Solutions/02-premature-split", swiftSettings: strict),
        .executableTarget(
            name: "PrematureSplitLesson",
            dependencies: [
                "PrematureSplitKit", "PrematureSplitExercise", "PrematureSplitSolution", "ServiceKit",
                "MonolithOrderKit", "MonolithOrderSolution", "Database", "Shop", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/02-premature-split", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "PrematureSplitTests",
            dependencies: [
                "PrematureSplitKit", "PrematureSplitExercise", "PrematureSplitSolution", "ServiceKit",
                "Database", "Shop", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/02-premature-split", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),
        // Lesson 05: the circuit breaker.
        .target(name: "CircuitBreakerKit", dependencies: ["ServiceKit", "WorkbookKit"], swiftSettings: strict),
        .target(
            name: "CircuitBreakerExercise", dependencies: ["CircuitBreakerKit", "WorkbookKit"],
            path: "Exercises/05-circuit-breaker", swiftSettings: strict),
        .target(
            name: "CircuitBreakerSolution", dependencies: ["CircuitBreakerKit", "WorkbookKit"],
            path: "Solutions/05-circuit-breaker", swiftSettings: strict),
        .executableTarget(
            name: "CircuitBreakerLesson",
            dependencies: [
                "CircuitBreakerKit", "CircuitBreakerExercise", "CircuitBreakerSolution", "ServiceKit", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/05-circuit-breaker", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "CircuitBreakerTests",
            dependencies: [
                "CircuitBreakerKit", "CircuitBreakerExercise", "CircuitBreakerSolution", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/05-circuit-breaker", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),
        // Lesson 06: strangler fig routing.
        .target(
            name: "StranglerFigKit",
            dependencies: [
                "ServiceKit", "Database", "Shop", "WorkbookKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
        .target(
            name: "StranglerFigExercise", dependencies: ["StranglerFigKit", "WorkbookKit"],
            path: "Exercises/06-strangler-fig", swiftSettings: strict),
        .target(
            name: "StranglerFigSolution", dependencies: ["StranglerFigKit", "WorkbookKit"],
            path: "Solutions/06-strangler-fig", swiftSettings: strict),
        .executableTarget(
            name: "StranglerFigLesson",
            dependencies: [
                "StranglerFigKit", "StranglerFigExercise", "StranglerFigSolution", "ServiceKit", "Database", "Shop", "WorkbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Lessons/06-strangler-fig", exclude: ["README.md", "hints.md"], swiftSettings: strict),
        .testTarget(
            name: "StranglerFigTests",
            dependencies: [
                "StranglerFigKit", "StranglerFigExercise", "StranglerFigSolution", "WorkbookKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/06-strangler-fig", exclude: ["Mistakes", "CONTRACT.md"], swiftSettings: strict),
        // `workbook bench` runs this once per figure: every lesson's headline measurement.
        .executableTarget(
            name: "WorkbookBench",
            dependencies: [
                "WorkbookKit", "Database", "Shop", "ServiceKit", "MonolithOrderKit", "MonolithOrderSolution",
                "PrematureSplitKit", "PrematureSplitSolution", "EventBusKit", "EventBusSolution",
                "CircuitBreakerKit", "CircuitBreakerSolution", "StranglerFigKit", "StranglerFigSolution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict),
    ]
)
