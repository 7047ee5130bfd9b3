import Crypto
import FacecastServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A local receiver that fails the first deliveries, then accepts; the server must sign every attempt and back off.
@Suite struct WebhookTests {
    struct Received: Sendable {
        var path: String
        var signature: String
        var attempt: String
        var event: String
        var body: [UInt8]
        var at: Date
    }

    @Test func deliveriesAreSignedRetriedWithBackoffAndRecorded() async throws {
        let started = Date()
        let received = Locked<[Received]>([])
        let router = Router()
        router.post("hook/:mode") { request, context -> Response in
            let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let r = Received(path: context.parameters.get("mode") ?? "", signature: request.headers[HTTPField.Name("Facecast-Signature")!] ?? "",
                             attempt: request.headers[HTTPField.Name("Facecast-Delivery-Attempt")!] ?? "",
                             event: request.headers[HTTPField.Name("Facecast-Event")!] ?? "", body: body, at: Date())
            let count = received.withLock { $0.append(r); return $0.filter { $0.path == r.path }.count }
            if r.path == "flaky" && count >= 3 { return Response(status: .ok) }
            return Response(status: .internalServerError)
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { hookClient in
            let port = try #require(hookClient.port)
            let t = try await TestServer.make { $0.webhookBackoffSeconds = 0.2 }
            let secret = try #require(try await t.server.store.tenant("tenant-a")).webhookSecret
            try await t.test { client in
                let avatar = try await client.createAvatar(key: t.keyA)
                var ids: [String: String] = [:]
                for mode in ["flaky", "down"] {
                    let created = try await client.createVideo(key: t.keyA, [
                        "avatar_id": avatar, "script": ["text": "Hi."], "options": ["size": 128, "framing": "crop"],
                        "webhook_url": "http://127.0.0.1:\(port)/hook/\(mode)"])
                    #expect(created.status == .accepted)
                    ids[mode] = try json(created.body)["id"] as? String
                }
                try await t.withWorkers {
                    for _ in 0..<900 {
                        let done = received.withLock { r in r.filter { $0.path == "flaky" }.count >= 3 && r.filter { $0.path == "down" }.count >= 5 }
                        if done { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    try await Task.sleep(for: .milliseconds(300))  // the last attempt's record
                }
                let all = received.withLock { $0 }
                let flaky = all.filter { $0.path == "flaky" }, down = all.filter { $0.path == "down" }
                #expect(flaky.count == 3)
                #expect(down.count == 5, "exactly 5 attempts, then it gives up")
                for r in all {
                    // Verify as a receiver would, with swift-crypto directly: HMAC-SHA256(secret, "<t>." + body).
                    let fields = Dictionary(uniqueKeysWithValues: r.signature.split(separator: ",").map {
                        let kv = $0.split(separator: "=", maxSplits: 1); return (String(kv[0]), String(kv[1]))
                    })
                    let timestamp = try #require(fields["t"])
                    let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + r.body, using: SymmetricKey(data: Data(secret.utf8)))
                    #expect(fields["v1"] == mac.map { String(format: "%02x", $0) }.joined())
                    // Signed when sent: not after it was received, and not before the test began.
                    #expect(Double(timestamp)! <= r.at.timeIntervalSince1970 + 1 && Double(timestamp)! >= started.timeIntervalSince1970 - 1)
                    #expect(WebhookSender.verify(header: r.signature, secret: secret, body: r.body, now: Date().timeIntervalSince1970))
                    #expect(!WebhookSender.verify(header: r.signature, secret: secret, body: r.body + [32], now: Date().timeIntervalSince1970))
                    #expect(!WebhookSender.verify(header: r.signature, secret: "wrong", body: r.body, now: Date().timeIntervalSince1970))
                    #expect(r.event == "video.done")
                    let payload = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] ?? [:]
                    #expect(payload["event"] as? String == "video.done")
                    #expect((payload["video"] as? [String: Any])?["id"] as? String == ids[r.path])
                }
                #expect(down.map(\.attempt) == ["1", "2", "3", "4", "5"])
                // Exponential backoff: the server waits at least 0.2, 0.4, 0.8, 1.6 s between attempts (receipt to
                // receipt includes that wait; only a lower bound holds on a loaded machine, where requests can be slow).
                let gaps = zip(down.dropFirst(), down).map { $0.at.timeIntervalSince($1.at) }
                #expect(gaps.count == 4)
                for (gap, expected) in zip(gaps, [0.2, 0.4, 0.8, 1.6]) {
                    #expect(gap >= expected * 0.95, "gap \(gap) s, the backoff is \(expected) s")
                }
                // Every attempt is recorded with the job.
                let flakyStatus = try await client.status(of: ids["flaky"]!, key: t.keyA)
                let hook = try #require(flakyStatus["webhook"] as? [String: Any])
                #expect(hook["delivered"] as? Bool == true)
                let attempts = hook["attempts"] as? [[String: Any]] ?? []
                #expect(attempts.map { $0["status_code"] as? Int } == [500, 500, 200])
                let downStatus = try await client.status(of: ids["down"]!, key: t.keyA)
                #expect((downStatus["webhook"] as? [String: Any])?["delivered"] as? Bool == false)
                #expect(((downStatus["webhook"] as? [String: Any])?["attempts"] as? [Any])?.count == 5)
            }
        }
    }
}
