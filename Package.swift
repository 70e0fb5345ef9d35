// swift-tools-version:6.0
import PackageDescription

/// Release builds drop dynamic exclusivity checks on the hot path (they cost ~15% of per-command CPU);
/// debug builds and tests keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "strata-server", targets: ["strata-server"]),
        .executable(name: "strata-rdb", targets: ["strata-rdb"]),
        .executable(name: "strata-aof", targets: ["strata-aof"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Wire protocol: values, incremental request parser, reply writer. Knows nothing of commands.
        .target(name: "RESP", dependencies: ["StrataText", .product(name: "NIOCore", package: "swift-nio")], swiftSettings: hotPath),
        // Persistent data structures the keyspace is built from.
        .target(name: "StrataCollections", swiftSettings: hotPath),
        // Byte-string rules shared by the protocol, the config and the commands (quoting, glob patterns).
        .target(name: "StrataText"),
        // redis.conf syntax, the directive table, CONFIG GET/SET/REWRITE semantics.
        .target(name: "StrataConfig", dependencies: ["StrataText"]),
        // Redis's log line format as a swift-log handler.
        .target(name: "StrataLogging", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // System libraries and their Swift wrappers.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .target(name: "Compression", dependencies: ["CZlib", "CLZ4"]),
        // RDB files: streaming reader and writer, LZF, CRC64 and the packed encodings. No server dependency, so the
        // offline tools use it on their own.
        .target(name: "RDB", swiftSettings: hotPath),
        // strata-rdb's commands: check, info, keys, export, diff over the RDB target.
        .target(name: "RDBTool", dependencies: [
            "RDB", "StrataText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "strata-rdb", dependencies: ["RDBTool"]),
        // Redis 7 multi-part AOF files: manifest, streaming command reader, the writer with its fsync policies and
        // the rewrite protocol. No server dependency: the engine feeds it bytes, the tools read with it.
        .target(name: "AOF", dependencies: ["RDB", "StrataText"]),
        // strata-aof's commands: check and fix over the AOF target.
        .target(name: "AOFTool", dependencies: [
            "AOF", "RDB", "StrataText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "strata-aof", dependencies: ["AOFTool"]),
        // glibc functions the Swift Glibc module does not expose (mallinfo2, getrusage).
        .systemLibrary(name: "CStrataSystem"),
        // The dataset and the commands: synchronous, socket-free.
        .target(name: "StrataCore", dependencies: [
            "RESP", "RDB", "AOF", "StrataCollections", "StrataConfig", "StrataText", "CStrataSystem",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Collections", package: "swift-collections"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: hotPath),
        // Network, clients, periodic tasks, signals.
        .target(name: "StrataServer", dependencies: [
            "RESP", "StrataCore", "StrataConfig", "StrataLogging", "CStrataSystem",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: hotPath),
        .executableTarget(name: "strata-server", dependencies: ["StrataServer"]),

        // The AOF file layer and strata-aof (issue #5).
        .testTarget(name: "AOFTests", dependencies: ["AOF", "RDB"]),
        .testTarget(name: "AOFToolTests", dependencies: ["AOFTool", "AOF"]),
        .testTarget(name: "RESPTests", dependencies: ["RESP"]),
        .testTarget(name: "StrataTextTests", dependencies: ["StrataText"]),
        .testTarget(name: "StrataCollectionsTests", dependencies: ["StrataCollections"]),
        .testTarget(name: "StrataConfigTests", dependencies: ["StrataConfig"]),
        .testTarget(name: "StrataLoggingTests", dependencies: ["StrataLogging"]),
        .testTarget(name: "CompressionTests", dependencies: ["Compression"]),
        .testTarget(name: "RDBTests", dependencies: ["RDB"]),
        .testTarget(name: "RDBToolTests", dependencies: ["RDBTool", "RDB", "StrataText"]),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore", "RESP", "StrataCollections", "StrataConfig"]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "RESP", "RDB", "StrataCore", "StrataConfig", .product(name: "NIOCore", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
