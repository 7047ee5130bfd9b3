import FacecastServer
import FacecastTesting
import Foundation
import MediaFFmpeg
import Testing

/// The real `facecast serve` on a loopback port: upload, render, follow SSE, download, ffprobe;
/// then SIGKILL in the middle of a render, restart, and the job completes exactly once.
@Suite(.serialized) struct ServeEndToEndTests {
    @Test func renderFollowKillRestartAndFinishExactlyOnce() async throws {
        let data = try Fixtures.temporaryDirectory()
        var server: ServerProcess? = try ServerProcess(data: data, extra: ["--open"])
        let base = server!.base

        let health = try await HTTP.json(.GET, base + "/healthz")
        #expect(health.0 == 200 && health.1["auth"] as? String == "open")

        // Upload the photo as curl -F would.
        var form = MultipartBody.photo(try fixtureBytes("astronaut.png"))
        form.field("note", "e2e")
        let upload = try await HTTP.request(.POST, base + "/v1/avatars", headers: [("Content-Type", form.contentType)],
                                            body: Array(form.body.readableBytesView))
        #expect(upload.status == 201)
        let avatar = try #require((try JSONSerialization.jsonObject(with: Data(upload.body)) as? [String: Any])?["id"] as? String)

        // First video: follow its events to the end.
        let (status1, created1) = try await HTTP.json(.POST, base + "/v1/videos", [
            "avatar_id": avatar, "script": ["text": "Hello from the server."], "options": ["size": 192, "framing": "crop"]])
        #expect(status1 == 202)
        let id1 = try #require(created1["id"] as? String)
        let events = try await HTTP.events(base + "/v1/videos/\(id1)/events")
        #expect(events.last?.event == "done", "\(events.map(\.event))")
        let progress = events.compactMap { $0.data["progress"] as? Double }
        #expect(progress == progress.sorted(), "progress went backwards: \(progress)")
        // (A "rendering" event shows only if the stream opens before the job ends: on a loaded machine it may not.)

        let mp4 = try await HTTP.request(.GET, base + "/v1/videos/\(id1)/video.mp4")
        #expect(mp4.status == 200)
        let file = data.appendingPathComponent("downloaded.mp4")
        try Data(mp4.body).write(to: file)
        let probe = try MediaProbe.probe(file.path)
        #expect(probe.video?.codec == "h264")
        #expect(probe.audio?.codec == "aac")
        #expect(probe.video?.width == 192 && probe.video?.height == 192)
        #expect((probe.duration ?? 0) > 1)

        // Second video, longer: kill -9 the server the moment a worker starts it. The trigger watches the server's
        // log on a thread of its own: polling the status from test tasks raced the render's end on a loaded machine.
        server!.killOnNextLog("render started")
        let (status2, created2) = try await HTTP.json(.POST, base + "/v1/videos", [
            "avatar_id": avatar, "script": ["text": String(repeating: "This one is interrupted by a hard crash of the server, and it must still finish exactly once after the restart. One, two, three, four, five, six. ", count: 2)],
            "options": ["size": 256, "framing": "crop"]])
        #expect(status2 == 202)
        let id2 = try #require(created2["id"] as? String)
        #expect(server!.waitForExit(timeout: 120), "the server was not killed: \(server!.output.withLock { $0 })")
        server = nil
        let jobDir = data.appendingPathComponent("jobs/\(id2)")
        let killedAt = try await SQLiteJobStore(path: data.appendingPathComponent("facecast.sqlite").path).events(jobID: id2).map(\.kind)
        #expect(killedAt == ["created", "claimed"], "\(killedAt)")
        #expect(!FileManager.default.fileExists(atPath: jobDir.appendingPathComponent("video.mp4").path))

        let restarted = try ServerProcess(data: data, extra: ["--open"])
        let events2 = try await HTTP.events(restarted.base + "/v1/videos/\(id2)/events")
        #expect(events2.last?.event == "done")
        let (_, final) = try await HTTP.json(.GET, restarted.base + "/v1/videos/\(id2)")
        #expect(final["status"] as? String == "done")
        #expect(final["attempts"] as? Int == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: jobDir.path).sorted()
        #expect(files == ["captions.vtt", "photo.png", "poster.jpg", "video.mp4"], "\(files)")
        let probe2 = try MediaProbe.probe(jobDir.appendingPathComponent("video.mp4").path)
        #expect((probe2.duration ?? 0) > 5)
        #expect(restarted.output.withLock { $0 }.contains("re-queued jobs left rendering by a previous process"))
        // The first video is untouched and still served.
        #expect(try await HTTP.request(.GET, restarted.base + "/v1/videos/\(id1)/video.mp4", headers: [("Range", "bytes=0-9")]).status == 206)
        #expect(restarted.terminate() == 0)
        // The store's history: claimed, recovered after the crash, claimed again, done once.
        let store = try SQLiteJobStore(path: data.appendingPathComponent("facecast.sqlite").path)
        let kinds = try await store.events(jobID: id2).map(\.kind)
        #expect(kinds == ["created", "claimed", "recovered after restart", "claimed", "done"], "\(kinds)")
    }
}
