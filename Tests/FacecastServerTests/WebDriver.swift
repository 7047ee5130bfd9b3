import AsyncHTTPClient
import FacecastTesting
import Foundation
import NIOCore
import NIOHTTP1

/// A minimal W3C WebDriver client for Debian's chromedriver driving headless Chromium.
final class WebDriver: @unchecked Sendable {
    let driver = Process()
    let base: String
    var session = ""
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    init(width: Int = 1000, height: Int = 1400) async throws {
        for path in ["/usr/bin/chromedriver", "/usr/bin/chromium"] where !FileManager.default.isExecutableFile(atPath: path) {
            throw TestFailure("\(path) is missing: run `make bootstrap` (Debian packages chromium and chromium-driver).")
        }
        let port = Int.random(in: 20000...40000)
        base = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        for _ in 0..<100 {
            if let (_, status) = try? await call(.GET, "/status"), (status["value"] as? [String: Any])?["ready"] as? Bool == true { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let caps: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": [
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=\(width),\(height)",
                     "--autoplay-policy=no-user-gesture-required", "--user-data-dir=\(NSTemporaryDirectory())facecast-chrome-\(UUID().uuidString)"],
        ]]]]
        let (_, created) = try await call(.POST, "/session", caps, timeout: .seconds(60))
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw TestFailure("chromedriver could not start Chromium: \(created)")
        }
        session = id
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, _ body: Any? = nil, timeout: TimeAmount = .seconds(30)) async throws -> (Int, [String: Any]) {
        var r = HTTPClientRequest(url: base + path)
        r.method = method
        if let body {
            r.headers.add(name: "Content-Type", value: "application/json")
            r.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(r, timeout: timeout)
        let data = try await response.body.collect(upTo: 64 << 20)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return (Int(response.status.code), parsed)
    }

    func s(_ path: String) -> String { "/session/\(session)\(path)" }

    func open(_ url: String) async throws { try await call(.POST, s("/url"), ["url": url]) }

    func element(_ css: String) async throws -> String {
        let (_, r) = try await call(.POST, s("/element"), ["using": "css selector", "value": css])
        guard let id = (r["value"] as? [String: Any])?[Self.elementKey] as? String else { throw TestFailure("no element \(css): \(r)") }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let (status, r) = try await call(.POST, s("/element/\(try await element(css))/value"), ["text": text])
        guard status == 200 else { throw TestFailure("typing into \(css) failed: \(r)") }
    }

    func click(_ css: String) async throws {
        let (status, r) = try await call(.POST, s("/element/\(try await element(css))/click"), [String: Any]())
        guard status == 200 else { throw TestFailure("clicking \(css) failed: \(r)") }
    }

    func run(_ script: String, async: Bool = false) async throws -> Any? {
        let (_, r) = try await call(.POST, s(async ? "/execute/async" : "/execute/sync"), ["script": script, "args": [Any]()], timeout: .seconds(60))
        return r["value"]
    }

    /// Polls a JavaScript condition until it is true.
    func wait(_ condition: String, seconds: Double) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await run("return Boolean(\(condition));") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("timed out waiting for \(condition)")
    }

    func resize(width: Int, height: Int) async throws { try await call(.POST, s("/window/rect"), ["width": width, "height": height]) }

    func screenshot(to path: String) async throws {
        let (_, r) = try await call(.GET, s("/screenshot"))
        guard let b64 = r["value"] as? String, let png = Data(base64Encoded: b64) else { throw TestFailure("no screenshot") }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: path))
    }

    func quit() async {
        _ = try? await call(.DELETE, s(""))
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }
}
