import Foundation

/// Everything `facecast serve` can be told.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Where the database, uploads and videos live.
    public var dataDirectory: String
    /// Render workers beside the HTTP server.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// No API keys: every request is the single local tenant. Only allowed on a loopback address.
    public var open = false
    public var limits = ServerLimits()
    /// Seconds a claimed job stays leased without a heartbeat.
    public var leaseSeconds = 30.0
    /// Seconds between a worker's heartbeats (which also store progress).
    public var heartbeatSeconds = 0.5
    /// Claims of one job before it is failed (a job that keeps crashing its worker).
    public var maxAttempts = 3
    /// Seconds between polls of the queue by an idle worker.
    public var pollSeconds = 0.2
    /// Webhook delivery: attempts and the first retry delay (doubling after each failure).
    public var webhookAttempts = 5
    public var webhookBackoffSeconds = 1.0
    /// Seconds to wait for one webhook response.
    public var webhookTimeoutSeconds = 10.0

    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    /// The single tenant of `--open` mode.
    public static let openTenant = "local"

    public var isLoopbackHost: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// Limits on what clients may send.
public struct ServerLimits: Sendable {
    public var maxUploadBytes = 20 * 1024 * 1024
    public var maxPixels = 50_000_000
    public var maxScriptCharacters = 5_000
    public var maxJobsInFlight = 10
    public var maxSize = 1920
    public var minSize = 128

    public init() {}
}
