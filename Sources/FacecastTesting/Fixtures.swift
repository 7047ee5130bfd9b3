import Foundation

/// The real photos the bootstrap fetches from Debian/PyPI packages into `.cache/fixtures` (sha256-verified).
public enum Fixtures {
    /// The repository root, found from this source file's location.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static var directory: URL { root.appendingPathComponent(".cache/fixtures") }

    /// Path of a fixture; fails loudly (with what to do) when the bootstrap has not fetched it.
    public static func path(_ name: String) throws -> String {
        let p = directory.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: p) else {
            throw MissingFixture(name: name, path: p)
        }
        return p
    }

    public struct MissingFixture: Error, CustomStringConvertible {
        public var name: String
        public var path: String
        public var description: String { "Test photo \(name) is missing at \(path). Run `make bootstrap` first." }
    }

    /// Fixture rows of scripts/fixtures.tsv: (name, notes).
    public static func manifest() throws -> [(name: String, notes: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("scripts/fixtures.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 6, !cols[0].hasPrefix("#") else { return nil }
            return (cols[0], cols.last ?? "")
        }
    }

    /// A fresh empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facecast-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `facecast` executable (debug build, made by `swift build --build-tests`).
    public static var executable: String { root.appendingPathComponent(".build/debug/facecast").path }

    /// The release `facecast` (made by `make build`).
    public static var releaseExecutable: String { root.appendingPathComponent(".build/release/facecast").path }

    /// Runs the CLI (the debug build unless another executable is given); returns exit status, stdout and stderr.
    public static func runCLI(_ arguments: [String], executable: String = Fixtures.executable) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errBox = DataBox()
        let t = Thread { errBox.set(err.fileHandleForReading.readDataToEndOfFile()) }
        t.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let e = errBox.wait()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// Hands one Data value from a reader thread to the waiting caller.
private final class DataBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?
    func set(_ d: Data) { condition.lock(); data = d; condition.broadcast(); condition.unlock() }
    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
