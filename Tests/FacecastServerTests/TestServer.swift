import FacecastEngine
import FacecastServer
import FacecastTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A real server (real store in a temp folder, real engine) with two tenants and their keys, for route tests.
struct TestServer: Sendable {
    let server: FacecastServer
    let keyA: String
    let keyB: String
    let dir: URL

    static func make(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let dir = try Fixtures.temporaryDirectory()
        var config = ServerConfiguration(dataDirectory: dir.path)
        config.workers = 1
        config.pollSeconds = 0.05
        config.heartbeatSeconds = 0.2
        adjust(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = try FacecastServer(config: config, engine: SharedEngine.engine, logger: logger)
        let a = try await APIKeys.create(tenant: "tenant-a", name: "test", store: server.store, now: 1)
        let b = try await APIKeys.create(tenant: "tenant-b", name: "test", store: server.store, now: 1)
        return TestServer(server: server, keyA: a.key, keyB: b.key, dir: dir)
    }

    func test<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: server.router(), logger: server.logger)
        return try await app.test(.router, body)
    }

    /// Runs the render workers while `body` runs.
    func withWorkers<T>(_ body: () async throws -> T) async throws -> T {
        let workers = server.workers()
        let task = Task { try await workers.run() }
        defer { task.cancel() }
        return try await body()
    }
}

/// One engine (dlib models loaded once) for all server tests.
enum SharedEngine {
    static let engine = Engine()
}

func auth(_ key: String, _ extra: HTTPFields = [:]) -> HTTPFields {
    var h = extra
    h[.authorization] = "Bearer \(key)"
    return h
}

/// A multipart/form-data body as a browser or curl -F builds it.
struct MultipartBody {
    let boundary = "----facecast\(UInt32.random(in: 0...UInt32.max))"
    var bytes: [UInt8] = []

    mutating func field(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, filename: String, type: String, _ data: [UInt8]) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        bytes += data + Array("\r\n".utf8)
    }

    var body: ByteBuffer { ByteBuffer(bytes: bytes + Array("--\(boundary)--\r\n".utf8)) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    static func photo(_ data: [UInt8], filename: String = "face.png", type: String = "image/png") -> MultipartBody {
        var m = MultipartBody()
        m.file("photo", filename: filename, type: type, data)
        return m
    }
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path(name))))
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] ?? [:]
}

func errorCode(_ buffer: ByteBuffer) -> String? {
    ((try? json(buffer))?["error"] as? [String: Any])?["code"] as? String
}

func errorMessage(_ buffer: ByteBuffer) -> String {
    ((try? json(buffer))?["error"] as? [String: Any])?["message"] as? String ?? ""
}

extension TestClientProtocol {
    /// Uploads a photo as an avatar and returns its id.
    func createAvatar(key: String, photo: String = "astronaut.png") async throws -> String {
        let form = MultipartBody.photo(try fixtureBytes(photo))
        return try await execute(uri: "/v1/avatars", method: .post, headers: auth(key, [.contentType: form.contentType]), body: form.body) { r in
            guard r.status == .created, let id = try json(r.body)["id"] as? String else {
                throw TestFailure("avatar upload answered \(r.status): \(String(buffer: r.body))")
            }
            return id
        }
    }

    func createVideo(key: String, _ request: [String: Any]) async throws -> (status: HTTPResponse.Status, body: ByteBuffer) {
        let data = try JSONSerialization.data(withJSONObject: request)
        return try await execute(uri: "/v1/videos", method: .post, headers: auth(key, [.contentType: "application/json"]),
                                 body: ByteBuffer(bytes: data)) { ($0.status, $0.body) }
    }

    func status(of id: String, key: String) async throws -> [String: Any] {
        try await execute(uri: "/v1/videos/\(id)", method: .get, headers: auth(key)) { try json($0.body) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
