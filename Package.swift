// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "airlock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "airlock", targets: ["airlock"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        .target(name: "AirlockCore"),
        .target(
            name: "AirlockStore",
            dependencies: ["AirlockCore", .product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "AirlockTUI",
            dependencies: ["AirlockCore", "AirlockStore", "CNcurses"]
        ),
        .target(name: "AirlockDemo", dependencies: ["AirlockCore", "AirlockStore", "AirlockTUI"]),
        // The commit `airlock --version` names: written before each build by a plugin that asks git.
        .plugin(name: "CommitStamp", capability: .buildTool()),
        .executableTarget(
            name: "airlock",
            dependencies: [
                "AirlockCore", "AirlockStore", "AirlockTUI", "AirlockDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["CommitStamp"]
        ),
        .executableTarget(name: "AirlockBench", dependencies: ["AirlockCore", "AirlockStore", "AirlockTUI"]),
        .testTarget(name: "AirlockCoreTests", dependencies: ["AirlockCore"]),
        .target(
            name: "AirlockTestSupport",
            dependencies: ["AirlockCore", "AirlockStore"],
            path: "Tests/AirlockTestSupport"
        ),
        .testTarget(name: "AirlockStoreTests", dependencies: ["AirlockCore", "AirlockStore", "AirlockTestSupport"]),
        // Tests that run the built binary (swift build builds it; the tests find it beside their bundle).
        .testTarget(name: "AirlockCLITests", dependencies: ["AirlockCore", "AirlockStore", "AirlockTestSupport"]),
        .testTarget(
            name: "AirlockTUITests",
            dependencies: ["AirlockCore", "AirlockStore", "AirlockTUI", "AirlockDemo", "AirlockTestSupport"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
