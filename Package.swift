// swift-tools-version:6.1
import PackageDescription

// Native libraries come from Debian packages installed by scripts/bootstrap.sh.
// The C++ dlib shim is always optimised: at -O0 dlib's HOG detector is ~100x slower.
let optimisedCxx: [CXXSetting] = [.unsafeFlags(["-O3"])]
// The pure core is compiled with optimisation even in debug builds so tests that render real video stay fast.
let optimisedSwift: [SwiftSetting] = [.unsafeFlags(["-O"])]
// sherpa-onnx (neural voice) comes from PyPI `sherpa-onnx-core`, which the bootstrap unpacks into .deps/. Linked with an
// rpath to that folder so `swift run`, the tests and the built binaries find it without LD_LIBRARY_PATH.
let sherpaLib = Context.packageDirectory + "/.deps/sherpa_onnx/lib"
let sherpaLinker: [LinkerSetting] = [.unsafeFlags(["-L" + sherpaLib, "-Xlinker", "-rpath", "-Xlinker", sherpaLib])]

let package = Package(
    name: "Facecast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "facecast", targets: ["facecast"]),
        .library(name: "FacecastCore", targets: ["FacecastCore"]),
        .library(name: "FacecastEngine", targets: ["FacecastEngine"]),
        .library(name: "FacecastServer", targets: ["FacecastServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // The web service: HTTP server, SQLite job store, logs, key hashing/webhook signatures, webhook delivery.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Pure Swift: geometry, images, rig, timeline, performance, renderer. No C, no file I/O.
        .target(
            name: "FacecastCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: optimisedSwift
        ),

        // One tiny C module per native library.
        .target(
            name: "CDlibShim",
            cxxSettings: optimisedCxx,
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"),
                             .linkedLibrary("png"), .linkedLibrary("jpeg")]
        ),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng"),
        .systemLibrary(name: "CTurboJPEG"),
        .systemLibrary(name: "CPNG"),
        .systemLibrary(name: "CWebP"),
        .systemLibrary(name: "CSherpaOnnx"),

        // Adapters: each owns its native handles and implements core-facing APIs.
        .target(name: "ImageCodecs", dependencies: ["FacecastCore", "CTurboJPEG", "CPNG", "CWebP"]),
        .target(name: "FaceAnalysisDlib", dependencies: ["FacecastCore", "CDlibShim"]),
        .target(name: "SpeechEspeak", dependencies: ["FacecastCore", "CEspeakNG"]),
        .target(name: "SpeechNeural", dependencies: ["FacecastCore", "CSherpaOnnx"], linkerSettings: sherpaLinker),
        .target(name: "MediaFFmpeg", dependencies: ["FacecastCore"]),

        // The pipeline that wires adapters and core together; the CLI and (later) the server call it.
        .target(
            name: "FacecastEngine",
            dependencies: ["FacecastCore", "ImageCodecs", "FaceAnalysisDlib", "SpeechEspeak", "SpeechNeural", "MediaFFmpeg"]
        ),

        // `facecast serve`: REST API + web page + job store + workers over the engine.
        .target(
            name: "FacecastServer",
            dependencies: [
                "FacecastEngine", "FacecastCore", "MediaFFmpeg", "ImageCodecs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        .executableTarget(
            name: "facecast",
            dependencies: ["FacecastEngine", "FacecastCore", "FacecastServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // `make bench`: speed measurements with same-run baselines (kept out of the tests).
        .executableTarget(
            name: "facecast-bench",
            dependencies: ["FacecastEngine", "FacecastCore", "FacecastTesting", "MediaFFmpeg", "SpeechEspeak", "SpeechNeural"],
            path: "Benchmarks/FacecastBench",
            swiftSettings: optimisedSwift
        ),

        // Test support: locating the real photos the bootstrap fetched, running the CLI.
        .target(name: "FacecastTesting", path: "Sources/FacecastTesting"),

        // Golden/: reference frames read by path (#filePath), not bundled.
        .testTarget(name: "FacecastCoreTests", dependencies: ["FacecastCore"], exclude: ["Golden"]),
        .testTarget(
            name: "FacecastServerTests",
            dependencies: ["FacecastServer", "FacecastEngine", "FacecastCore", "FacecastTesting", "MediaFFmpeg",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "FacecastEndToEndTests",
            dependencies: ["FacecastEngine", "FacecastCore", "FacecastTesting", "FaceAnalysisDlib", "MediaFFmpeg",
                           "SpeechEspeak", "SpeechNeural", "ImageCodecs"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
