// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Clade",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clade", targets: ["clade"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The only C: ncurses' wide-character API and the macros Swift cannot import.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // Saves the terminal before curses starts and restores it from crash and exit signals.
        .target(name: "CTermGuard", path: "Sources/CTermGuard"),
        // Pure Swift: domain, state, actions, reduce, command registry, analysis. No I/O.
        .target(name: "CladeCore", path: "Sources/CladeCore"),
        // The one place that knows SQL: schema, migrations, reads for the screens, decisions.
        .target(
            name: "CladeStore",
            dependencies: ["CladeCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/CladeStore"
        ),
        // Pure rendering into a cell grid: widths, widgets, views, themes.
        .target(name: "CladeUI", dependencies: ["CladeCore"], path: "Sources/CladeUI"),
        // Terminal backends (ncurses and headless) and key decoding.
        .target(
            name: "CladeTerminal",
            dependencies: ["CladeUI", "CladeCore", "CNcurses", "CTermGuard"],
            path: "Sources/CladeTerminal"
        ),
        // The consultant's report (Markdown and self-contained HTML) from the reviewed state.
        .target(name: "CladeReport", dependencies: ["CladeCore", "CladeStore"], path: "Sources/CladeReport"),
        // The deterministic generator of the bundled sample database.
        .target(name: "CladeSample", dependencies: ["CladeCore", "CladeStore"], path: "Sources/CladeSample"),
        // Composition: the run loop that joins state, store and a backend.
        .target(
            name: "CladeApp",
            dependencies: ["CladeCore", "CladeStore", "CladeUI", "CladeTerminal", "CladeReport"],
            path: "Sources/CladeApp"
        ),
        .executableTarget(
            name: "clade",
            dependencies: [
                "CladeApp", "CladeCore", "CladeStore", "CladeSample", "CladeTerminal", "CladeImport", "CladeReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/clade"
        ),
        // libFuzzer entry points (built separately with -sanitize=fuzzer, see docs/reliability.md);
        // in a normal build, a replayer of crash inputs.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .executableTarget(
            name: "clade-fuzz",
            dependencies: ["CladeCore", "CladeImport", "CladeStore", "CLibFuzzer"],
            path: "Sources/clade-fuzz"
        ),
        .testTarget(name: "CladeCoreTests", dependencies: ["CladeCore"], path: "Tests/CladeCoreTests"),
        .testTarget(
            name: "CladeStoreTests",
            dependencies: ["CladeStore", "CladeCore", "CladeSample", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/CladeStoreTests"
        ),
        .testTarget(
            name: "CladeUITests",
            dependencies: ["CladeUI", "CladeCore", "CladeStore", "CladeApp", "CladeTerminal", "CladeImport", "CladeReport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/CladeUITests"
        ),
        // Helpers shared by test targets (running a program with a clean signal mask).
        .target(name: "CladeTestSupport", path: "Tests/Support"),
        .testTarget(name: "EndToEndTests", dependencies: ["CladeTestSupport"], path: "Tests/EndToEndTests"),
        // Bad databases, contention, fuzzed inputs and random key sequences (docs/reliability.md).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "CladeApp", "CladeCore", "CladeStore", "CladeUI", "CladeTerminal", "CladeImport", "CladeSample", "CladeTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Tests/ReliabilityTests"
        ),
        // Importers: CSV (clustered by Clade), Kura checkpoints, BERTopic outputs → a pipeline database.
        .target(
            name: "CladeImport",
            dependencies: ["CladeCore", "CladeStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/CladeImport"
        ),
        .testTarget(
            name: "CladeImportTests",
            dependencies: ["CladeImport", "CladeCore", "CladeStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/CladeImportTests"
        ),
    ]
)
