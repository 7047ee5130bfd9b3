import FacecastCore
import FacecastServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct VideoRouteTests {
    static let shortScript = "Hello there."

    @Test func badVideoRequestsAreRefusedWithMessages() async throws {
        let t = try await TestServer.make { $0.limits.maxScriptCharacters = 200 }
        try await t.test { client in
            let avatar = try await client.createAvatar(key: t.keyA)
            // Bad JSON.
            try await client.execute(uri: "/v1/videos", method: .post, headers: auth(t.keyA, [.contentType: "application/json"]),
                                     body: ByteBuffer(string: "{\"script\": {\"text\": ")) { r in
                #expect(r.status == .badRequest)
                #expect(errorCode(r.body) == "bad_json")
            }
            // Missing script.
            var r = try await client.createVideo(key: t.keyA, ["avatar_id": avatar])
            #expect(r.status == .badRequest && errorMessage(r.body).contains("script"))
            // Wrong content type.
            try await client.execute(uri: "/v1/videos", method: .post, headers: auth(t.keyA, [.contentType: "text/plain"]),
                                     body: ByteBuffer(string: "hello")) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(errorCode(r.body) == "wrong_content_type")
            }
            let cases: [([String: Any], HTTPResponse.Status, String)] = [
                (["avatar_id": "av_nope", "script": ["text": "Hi."]], .notFound, "not_found"),
                (["script": ["text": "Hi."]], .badRequest, "missing_photo"),
                (["avatar_id": avatar, "script": ["text": "   "]], .unprocessableContent, "empty_script"),
                (["avatar_id": avatar, "script": ["text": String(repeating: "a", count: 201)]], .unprocessableContent, "script_too_long"),
                (["avatar_id": avatar, "script": ["text": "Hi.", "voice": "xx-no-such-voice"]], .unprocessableContent, "unknown_voice"),
                (["avatar_id": avatar, "script": ["text": "Hi.", "audio_url": "https://x/y.wav"]], .unprocessableContent, "audio_not_supported"),
                (["avatar_id": avatar, "script": ["text": "Hi."], "options": ["size": 5000]], .unprocessableContent, "bad_size"),
                (["avatar_id": avatar, "script": ["text": "Hi."], "options": ["framing": "zoom"]], .unprocessableContent, "bad_framing"),
                (["avatar_id": avatar, "script": ["text": "Hi."], "options": ["fps": 200]], .unprocessableContent, "bad_fps"),
                (["avatar_id": avatar, "script": ["text": "Hi."], "webhook_url": "ftp://x"], .unprocessableContent, "bad_webhook_url"),
                (["avatar_id": avatar, "script": ["text": 42]], .badRequest, "bad_json"),
            ]
            for (body, status, code) in cases {
                r = try await client.createVideo(key: t.keyA, body)
                #expect(r.status == status, "\(body)")
                #expect(errorCode(r.body) == code, "\(body): \(String(buffer: r.body))")
            }
            // Another tenant's avatar does not exist for B.
            r = try await client.createVideo(key: t.keyB, ["avatar_id": avatar, "script": ["text": "Hi."]])
            #expect(r.status == .notFound)
            // Unknown video ids.
            for uri in ["/v1/videos/vid_nope", "/v1/videos/vid_nope/events", "/v1/videos/vid_nope/video.mp4"] {
                try await client.execute(uri: uri, method: .get, headers: auth(t.keyA)) { #expect($0.status == .notFound) }
            }
        }
    }

    @Test func jobsInFlightAreLimitedPerTenant() async throws {
        let t = try await TestServer.make { $0.limits.maxJobsInFlight = 2 }
        try await t.test { client in
            let avatarA = try await client.createAvatar(key: t.keyA)
            for _ in 0..<2 {
                #expect(try await client.createVideo(key: t.keyA, ["avatar_id": avatarA, "script": ["text": "Hi."]]).status == .accepted)
            }
            let third = try await client.createVideo(key: t.keyA, ["avatar_id": avatarA, "script": ["text": "Hi."]])
            #expect(third.status == .tooManyRequests)
            #expect(errorCode(third.body) == "too_many_jobs")
            // Tenant B is not affected by A's queue.
            let avatarB = try await client.createAvatar(key: t.keyB)
            #expect(try await client.createVideo(key: t.keyB, ["avatar_id": avatarB, "script": ["text": "Hi."]]).status == .accepted)
        }
    }

    @Test func aVideoRendersAndItsFilesAreServedOnlyToItsTenant() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let avatar = try await client.createAvatar(key: t.keyA)
            let created = try await client.createVideo(key: t.keyA, [
                "avatar_id": avatar, "script": ["text": Self.shortScript, "voice": "en-us"],
                "options": ["size": 192, "framing": "crop", "seed": 3]])
            #expect(created.status == .accepted)
            let body = try json(created.body)
            #expect(body["status"] as? String == "queued")
            let id = try #require(body["id"] as? String)
            // Not done yet: downloads answer 409, the other tenant 404.
            try await client.execute(uri: "/v1/videos/\(id)/video.mp4", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .conflict)
                #expect(errorCode(r.body) == "not_ready")
            }
            try await client.execute(uri: "/v1/videos/\(id)", method: .get, headers: auth(t.keyB)) { #expect($0.status == .notFound) }

            let final = try await t.withWorkers {
                for _ in 0..<600 {
                    let s = try await client.status(of: id, key: t.keyA)
                    if let status = s["status"] as? String, status == "done" || status == "failed" { return s }
                    try await Task.sleep(for: .milliseconds(100))
                }
                throw TestFailure("the video did not finish in 60 s")
            }
            #expect(final["status"] as? String == "done", "\(final)")
            #expect(final["progress"] as? Double == 1)
            #expect(final["attempts"] as? Int == 1)
            let result = final["result"] as? [String: Any] ?? [:]
            #expect(result["width"] as? Int == 192)
            #expect((result["duration"] as? Double ?? 0) > 0.5)

            let size = try await client.execute(uri: "/v1/videos/\(id)/video.mp4", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "video/mp4")
                #expect(r.headers[.acceptRanges] == "bytes")
                #expect(String(decoding: r.body.readableBytesView.dropFirst(4).prefix(4), as: UTF8.self) == "ftyp")
                return r.body.readableBytes
            }
            #expect(size == result["bytes"] as? Int)
            try await client.execute(uri: "/v1/videos/\(id)/video.mp4", method: .get, headers: auth(t.keyA, [.range: "bytes=0-99"])) { r in
                #expect(r.status == .partialContent)
                #expect(r.body.readableBytes == 100)
                #expect(r.headers[.contentRange] == "bytes 0-99/\(size)")
            }
            try await client.execute(uri: "/v1/videos/\(id)/video.mp4", method: .get, headers: auth(t.keyA, [.range: "bytes=-10"])) { r in
                #expect(r.status == .partialContent)
                #expect(r.headers[.contentRange] == "bytes \(size - 10)-\(size - 1)/\(size)")
            }
            try await client.execute(uri: "/v1/videos/\(id)/video.mp4", method: .get, headers: auth(t.keyA, [.range: "bytes=\(size)-"])) { r in
                #expect(r.status == .rangeNotSatisfiable)
                #expect(r.headers[.contentRange] == "bytes */\(size)")
            }
            try await client.execute(uri: "/v1/videos/\(id)/poster.jpg", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                #expect(Array(r.body.readableBytesView.prefix(3)) == [0xFF, 0xD8, 0xFF])
            }
            try await client.execute(uri: "/v1/videos/\(id)/captions.vtt", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                let text = String(buffer: r.body)
                #expect(text.hasPrefix("WEBVTT") && text.contains(" --> "), "\(text)")
            }
            try await client.execute(uri: "/v1/videos/\(id)/captions.vtt", method: .get, headers: auth(t.keyB)) { r in
                #expect(r.status == .notFound)
            }
            // Events of a finished video: one `done` event, then the stream ends.
            try await client.execute(uri: "/v1/videos/\(id)/events", method: .get, headers: auth(t.keyA)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/event-stream")
                let events = ServerSentEvent.parse(String(buffer: r.body))
                #expect(events.map(\.event) == ["done"])
            }
            for uri in ["/v1/videos/\(id)/video.mp4", "/v1/videos/\(id)/poster.jpg", "/v1/videos/\(id)/events"] {
                try await client.execute(uri: uri, method: .get, headers: auth(t.keyB)) { #expect($0.status == .notFound) }
            }
            try await client.execute(uri: "/v1/videos", method: .get, headers: auth(t.keyA)) { r in
                let body = try json(r.body)
                #expect((body["videos"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/v1/videos", method: .get, headers: auth(t.keyB)) { r in
                let body = try json(r.body)
                #expect((body["videos"] as? [Any])?.count == 0)
            }
            // Exactly one output video; no partial or per-attempt files left.
            let files = try FileManager.default.contentsOfDirectory(atPath: t.server.data.job(id).path).sorted()
            #expect(files == ["captions.vtt", "photo.png", "poster.jpg", "video.mp4"])
        }
    }

    @Test func aPhotoCanComeWithTheVideoRequestInOpenMode() async throws {
        let t = try await TestServer.make { $0.open = true }
        try await t.test { client in
            var form = MultipartBody.photo(try fixtureBytes("no_face_cat.png"))
            form.field("request", "{\"script\": {\"text\": \"Meow.\"}}")
            try await client.execute(uri: "/v1/videos", method: .post, headers: [.contentType: form.contentType], body: form.body) { r in
                #expect(r.status == .unprocessableContent)
                #expect(errorCode(r.body) == "no_face")
            }
            var good = MultipartBody.photo(try fixtureBytes("astronaut.png"))
            good.field("request", "{\"script\": {\"text\": \"Hi.\", \"language\": \"de\"}, \"options\": {\"size\": 160, \"framing\": \"crop\"}}")
            try await client.execute(uri: "/v1/videos", method: .post, headers: [.contentType: good.contentType], body: good.body) { r in
                #expect(r.status == .accepted)
                let id = try json(r.body)["id"] as? String ?? ""
                #expect(r.headers[.location] == "/v1/videos/\(id)")
            }
            try await client.execute(uri: "/v1/videos", method: .get) { r in
                let videos = try json(r.body)["videos"] as? [[String: Any]] ?? []
                #expect(videos.count == 1)
                #expect((videos.first?["script"] as? [String: Any])?["voice"] as? String == "de")
            }
        }
    }
}
