import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Delivers a job's final state to its webhook URL: a JSON POST signed with the tenant's secret,
///   `Facecast-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>`,
/// retried with exponential backoff (base, 2×base, 4×base…) until a 2xx or `attempts` tries; every try is recorded.
public final class WebhookSender: Sendable {
    let store: any JobStore
    let config: ServerConfiguration
    let clock: ServerClock
    let logger: Logger
    let client: HTTPClient

    public init(store: any JobStore, config: ServerConfiguration, clock: ServerClock, logger: Logger,
                client: HTTPClient = .shared) {
        self.store = store
        self.config = config
        self.clock = clock
        self.logger = logger
        self.client = client
    }

    public static let signatureHeader = "Facecast-Signature"

    /// The signature header value for a body sent at `timestamp`.
    public static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(Secrets.hmacSHA256Hex(key: secret, message: Array("\(timestamp).".utf8) + body))"
    }

    /// Checks a received signature (what a receiver does); `tolerance` bounds the timestamp's age.
    public static func verify(header: String, secret: String, body: [UInt8], now: Double, tolerance: Double = 300) -> Bool {
        var t: Int?
        var v1: String?
        for piece in header.split(separator: ",") {
            let kv = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            if kv[0] == "t" { t = Int(kv[1]) } else if kv[0] == "v1" { v1 = kv[1] }
        }
        guard let t, let v1, abs(now - Double(t)) <= tolerance else { return false }
        let expected = signature(secret: secret, timestamp: t, body: body)
        return Secrets.constantTimeEquals(expected, "t=\(t),v1=\(v1)")
    }

    /// Starts delivery in the background (the worker does not wait for the receiver).
    func deliver(jobID: String, tenant: String) async {
        Task { await self.deliverNow(jobID: jobID, tenant: tenant) }
    }

    func deliverNow(jobID: String, tenant: String) async {
        var log = logger
        log[metadataKey: "job"] = .string(jobID)
        do {
            guard let job = try await store.job(id: jobID, tenant: tenant), let url = job.webhookURL else { return }
            let secret = try await store.ensureTenant(tenant, now: clock.now()).webhookSecret
            let event = job.lifecycle.status == .done ? "video.done" : "video.failed"
            let payload = WebhookPayload(event: event, video: VideoView(job))
            let body = Array(try JSONCoding.encoder().encode(payload))
            var delay = config.webhookBackoffSeconds
            for attempt in 1...max(1, config.webhookAttempts) {
                let timestamp = Int(clock.now())
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "Facecast-Webhook/1")
                request.headers.add(name: Self.signatureHeader, value: Self.signature(secret: secret, timestamp: timestamp, body: body))
                request.headers.add(name: "Facecast-Event", value: event)
                request.headers.add(name: "Facecast-Delivery-Attempt", value: "\(attempt)")
                request.body = .bytes(ByteBuffer(bytes: body))
                var delivery = WebhookDelivery(jobID: jobID, attempt: attempt, at: clock.now(), statusCode: nil, error: nil, delivered: false)
                do {
                    let response = try await client.execute(request, timeout: .milliseconds(Int64(config.webhookTimeoutSeconds * 1000)))
                    _ = try? await response.body.collect(upTo: 64 * 1024)
                    delivery.statusCode = Int(response.status.code)
                    delivery.delivered = (200..<300).contains(response.status.code)
                    if !delivery.delivered { delivery.error = "receiver answered \(response.status.code)" }
                } catch {
                    delivery.error = "\(error)"
                }
                try await store.recordDelivery(delivery)
                if delivery.delivered {
                    log.info("webhook delivered", metadata: ["attempt": .stringConvertible(attempt)])
                    return
                }
                log.warning("webhook attempt failed", metadata: ["attempt": .stringConvertible(attempt),
                                                                 "error": .string(delivery.error ?? "")])
                if attempt < config.webhookAttempts {
                    try await Task.sleep(for: .seconds(delay))
                    delay *= 2
                }
            }
            log.error("webhook gave up", metadata: ["attempts": .stringConvertible(config.webhookAttempts)])
        } catch {
            log.error("webhook delivery failed", metadata: ["error": .string("\(error)")])
        }
    }
}

struct WebhookPayload: Codable, Sendable {
    var event: String
    var video: VideoView
}
