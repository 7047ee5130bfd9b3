import FacecastServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct AvatarRouteTests {
    @Test func healthNeedsNoKey() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["status"] as? String == "ok")
                #expect(r.headers[HTTPField.Name("X-Request-Id")!]?.hasPrefix("req_") == true)
            }
        }
    }

    @Test func missingInvalidAndRevokedKeysAre401() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            try await client.execute(uri: "/v1/voices", method: .get) { r in
                #expect(r.status == .unauthorized)
                #expect(errorCode(r.body) == "missing_api_key")
                #expect(errorMessage(r.body).contains("facecast keys create"))
            }
            let forged = String(t.keyA.dropLast(2)) + (t.keyA.hasSuffix("00") ? "11" : "00")
            try await client.execute(uri: "/v1/voices", method: .get, headers: auth(forged)) { r in
                #expect(r.status == .unauthorized)
                #expect(errorCode(r.body) == "invalid_api_key")
            }
            try await client.execute(uri: "/v1/voices", method: .get, headers: auth(t.keyA)) { #expect($0.status == .ok) }
            let keyID = String(t.keyA.split(separator: "_")[1])
            #expect(try await t.server.store.revokeKey(id: keyID, now: 2))
            try await client.execute(uri: "/v1/voices", method: .get, headers: auth(t.keyA)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func voicesListEspeakLanguages() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            try await client.execute(uri: "/v1/voices", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                let voices = try json(r.body)["voices"] as? [[String: Any]] ?? []
                #expect(voices.count > 50)
                #expect(voices.contains { $0["language"] as? String == "en-us" })
            }
        }
    }

    @Test func anAvatarIsFaceCheckedPreviewedAndPrivateToItsTenant() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let id = try await client.createAvatar(key: t.keyA)
            try await client.execute(uri: "/v1/avatars/\(id)", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["width"] as? Int == 512)
                #expect(body["faces_found"] as? Int == 1)
                let face = body["face"] as? [String: Any] ?? [:]
                #expect((face["landmarks"] as? [Any])?.count == 68)
                let box = face["box"] as? [String: Double] ?? [:]
                #expect((80...160).contains(box["width"] ?? 0))
            }
            try await client.execute(uri: "/v1/avatars/\(id)/preview.png", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "image/png")
                #expect(Array(r.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            }
            // The other tenant sees nothing: 404, not 403.
            for uri in ["/v1/avatars/\(id)", "/v1/avatars/\(id)/preview.png"] {
                try await client.execute(uri: uri, method: .get, headers: auth(t.keyB)) { r in
                    #expect(r.status == .notFound)
                    #expect(errorCode(r.body) == "not_found")
                }
            }
            try await client.execute(uri: "/v1/avatars/\(id)", method: .delete, headers: auth(t.keyB)) { #expect($0.status == .notFound) }
            // The stored photo has a server-chosen name, whatever the client called it.
            let stored = try FileManager.default.contentsOfDirectory(atPath: t.server.data.avatar(id).path).sorted()
            #expect(stored == ["photo.png", "preview.png"])
            try await client.execute(uri: "/v1/avatars/\(id)", method: .delete, headers: auth(t.keyA)) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/avatars/\(id)", method: .get, headers: auth(t.keyA)) { #expect($0.status == .notFound) }
            #expect(!FileManager.default.fileExists(atPath: t.server.data.avatar(id).path))
        }
    }

    @Test func aRawImageBodyIsAcceptedAndSniffedNotTrusted() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            // A JPEG sent with a PNG content type and a .png name is stored as what it is.
            let form = MultipartBody.photo(try fixtureBytes("grace_hopper.jpg"), filename: "x.png", type: "image/png")
            let id = try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: form.contentType]),
                                              body: form.body) { r in
                #expect(r.status == .created)
                return try json(r.body)["id"] as? String ?? ""
            }
            #expect(FileManager.default.fileExists(atPath: t.server.data.avatar(id).appendingPathComponent("photo.jpg").path))
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: "image/png"]),
                                     body: ByteBuffer(bytes: try fixtureBytes("astronaut.png"))) { #expect($0.status == .created) }
        }
    }

    @Test func badUploadsAreRefusedWithTheRightStatus() async throws {
        let t = try await TestServer.make { $0.limits.maxUploadBytes = 1024 * 1024 }
        try await t.test { client in
            // Not an image (text named .jpg).
            let text = MultipartBody.photo(Array(String(repeating: "not a photo ", count: 50).utf8), filename: "face.jpg", type: "image/jpeg")
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: text.contentType]), body: text.body) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(errorCode(r.body) == "not_an_image")
            }
            // A GIF: an image we do not decode.
            let gif = MultipartBody.photo(Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 64), filename: "a.gif", type: "image/gif")
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: gif.contentType]), body: gif.body) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(errorCode(r.body) == "unsupported_image")
            }
            // JSON is the wrong content type for a photo.
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: "application/json"]),
                                     body: ByteBuffer(string: "{\"photo\": \"x\"}")) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(errorCode(r.body) == "wrong_content_type")
            }
            // Oversized: 1.5 MB against a 1 MB limit.
            let big = MultipartBody.photo([0x89, 0x50, 0x4E, 0x47] + [UInt8](repeating: 7, count: 1_500_000))
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: big.contentType]), body: big.body) { r in
                #expect(r.status == .contentTooLarge)
                #expect(errorCode(r.body) == "upload_too_large")
            }
            // No face: a cat.
            let cat = MultipartBody.photo(try fixtureBytes("no_face_cat.png"))
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: cat.contentType]), body: cat.body) { r in
                #expect(r.status == .unprocessableContent)
                #expect(errorCode(r.body) == "no_face")
                #expect(errorMessage(r.body).contains("No face found"))
            }
            // A form without the photo field.
            var empty = MultipartBody()
            empty.field("name", "me")
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: empty.contentType]), body: empty.body) { r in
                #expect(r.status == .badRequest)
                #expect(errorCode(r.body) == "missing_photo")
            }
            try await client.execute(uri: "/v1/avatars/av_doesnotexist", method: .get, headers: auth(t.keyA)) { #expect($0.status == .notFound) }
        }
        // Nothing of the refused uploads is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.server.data.root.appendingPathComponent("avatars").path).isEmpty)
    }

    @Test func tooManyPixelsIsRefusedBeforeDecoding() async throws {
        let t = try await TestServer.make { $0.limits.maxPixels = 100_000 }
        try await t.test { client in
            let form = MultipartBody.photo(try fixtureBytes("astronaut.png"))
            try await client.execute(uri: "/v1/avatars", method: .post, headers: auth(t.keyA, [.contentType: form.contentType]), body: form.body) { r in
                #expect(r.status == .unprocessableContent)
                #expect(errorCode(r.body) == "invalid_photo")
                #expect(errorMessage(r.body).contains("megapixels") || errorMessage(r.body).contains("limit"))
            }
        }
    }

    @Test func openModeIsOnlyForLoopback() throws {
        var config = ServerConfiguration(dataDirectory: NSTemporaryDirectory() + "facecast-open-\(UUID().uuidString)")
        config.open = true
        config.host = "0.0.0.0"
        #expect(throws: FacecastServer.RefusedConfiguration.self) { try FacecastServer(config: config) }
    }
}
