import AsyncHTTPClient
import FacecastCore
import FacecastTesting
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The real `facecast serve` executable, started on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let output = Locked("")
    /// Armed by `killOnNextLog`: the text to wait for, and where in the output to start looking.
    private let killTrigger = Locked<(text: String, from: Int)?>(nil)
    var base: String { "http://127.0.0.1:\(port)" }

    init(data: URL, extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Fixtures.executable)
        process.arguments = ["serve", "--port", "0", "--data", data.path, "--workers", "1", "--log-level", "info"] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = self.output
        let portBox = Locked<Int?>(nil)
        let reader = out.fileHandleForReading
        let trigger = killTrigger
        let pid = process.processIdentifier
        Thread {
            while true {
                let d = reader.availableData
                if d.isEmpty { break }
                let text = String(decoding: d, as: UTF8.self)
                output.withLock { $0 += text }
                Self.fire(trigger, output: output, pid: pid)
                if let m = output.withLock({ $0 }).firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)/) {
                    portBox.withLock { if $0 == nil { $0 = Int(m.1) } }
                }
            }
        }.start()
        let deadline = Date().addingTimeInterval(60)
        while portBox.withLock({ $0 }) == nil {
            guard process.isRunning, Date() < deadline else {
                throw TestFailure("facecast serve did not start: \(output.withLock { $0 })")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = portBox.withLock { $0! }
    }

    /// SIGKILLs the server the moment its log next shows `text` (counting only output from now on). The log is
    /// watched on the reader's own thread, so a test process whose task pool is busy cannot miss the moment.
    func killOnNextLog(_ text: String) {
        killTrigger.withLock { $0 = (text, output.withLock { $0.utf8.count }) }
        Self.fire(killTrigger, output: output, pid: process.processIdentifier)
    }

    private static func fire(_ trigger: Locked<(text: String, from: Int)?>, output: Locked<String>, pid: Int32) {
        trigger.withLock { armed in
            guard let (text, from) = armed else { return }
            let tail = output.withLock { String(decoding: $0.utf8.dropFirst(from), as: UTF8.self) }
            if tail.contains(text) {
                kill(pid, SIGKILL)
                armed = nil
            }
        }
    }

    /// Waits for the process to exit (after `killOnNextLog` fired, or any other end).
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    func terminate() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Small HTTP helpers over AsyncHTTPClient.
enum HTTP {
    static func request(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                        timeout: TimeAmount = .seconds(30)) async throws -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
        var r = HTTPClientRequest(url: url)
        r.method = method
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        if let body { r.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(r, timeout: timeout)
        let data = try await response.body.collect(upTo: 100 * 1024 * 1024)
        return (Int(response.status.code), response.headers, Array(data.readableBytesView))
    }

    static func json(_ method: HTTPMethod, _ url: String, _ object: Any? = nil, headers: [(String, String)] = []) async throws -> (Int, [String: Any]) {
        let body = try object.map { [UInt8](try JSONSerialization.data(withJSONObject: $0)) }
        let r = try await request(method, url, headers: headers + (body == nil ? [] : [("Content-Type", "application/json")]), body: body)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(r.body))) as? [String: Any] ?? [:]
        return (r.status, parsed)
    }

    /// Follows an SSE stream until it ends; returns the events in order.
    static func events(_ url: String, headers: [(String, String)] = [], timeout: TimeAmount = .seconds(180)) async throws -> [(event: String, data: [String: Any])] {
        var r = HTTPClientRequest(url: url)
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        let response = try await HTTPClient.shared.execute(r, timeout: timeout)
        guard response.status == .ok else { throw TestFailure("events answered \(response.status)") }
        var text = ""
        for try await chunk in response.body { text += String(buffer: chunk) }
        return parse(text)
    }

    static func parse(_ text: String) -> [(event: String, data: [String: Any])] {
        ServerSentEvent.parse(text).map { e in
            (e.event ?? "message", (try? JSONSerialization.jsonObject(with: Data(e.data.utf8))) as? [String: Any] ?? [:])
        }
    }
}
