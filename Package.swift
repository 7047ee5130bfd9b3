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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
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

        .executableTarget(
            name: "facecast",
            dependencies: ["FacecastEngine", "FacecastCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
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
            name: "FacecastEndToEndTests",
            dependencies: ["FacecastEngine", "FacecastCore", "FacecastTesting", "FaceAnalysisDlib", "MediaFFmpeg",
                           "SpeechEspeak", "SpeechNeural", "ImageCodecs"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
