import ArgumentParser
import FacecastServer
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web page and the REST API, with render workers and a job store that survives restarts.",
        discussion: """
            Examples:
              facecast serve --open                      # local, no API keys, http://127.0.0.1:8080
              facecast keys create --tenant acme --data ~/facecast-data
              facecast serve --host 0.0.0.0 --port 8080 --data ~/facecast-data

            SIGTERM (or Ctrl-C) stops gracefully: renders in progress are re-queued and finish after the next start.
            """)

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free port; the chosen one is printed).")
    var port = 8080

    @Option(name: .long, help: "Folder for the job database, uploads and videos.")
    var data = "facecast-data"

    @Option(name: .long, help: "Render workers (default: the number of CPU cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "No API keys: everything belongs to one local user. Only allowed on 127.0.0.1.")
    var open = false

    @Option(name: .customLong("max-upload-mb"), help: "Largest accepted upload in MB.")
    var maxUploadMB = 20

    @Option(name: .customLong("max-jobs"), help: "Videos one API key may have queued or rendering at once.")
    var maxJobs = 10

    @Option(name: .customLong("lease-seconds"), help: "Seconds a render stays leased without a heartbeat before another worker takes it.")
    var leaseSeconds = 30.0

    @Option(name: .customLong("webhook-backoff"), help: "Seconds before the first webhook retry (doubling, 5 attempts).")
    var webhookBackoff = 1.0

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
        if !(0...64).contains(workers) { throw ValidationError("--workers must be between 0 and 64.") }
        if !(1...1024).contains(maxUploadMB) { throw ValidationError("--max-upload-mb must be between 1 and 1024.") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("Unknown --log-level \(logLevel).") }
    }

    func run() async throws {
        var config = ServerConfiguration(dataDirectory: data)
        config.host = host
        config.port = port
        config.workers = workers
        config.open = open
        config.limits.maxUploadBytes = maxUploadMB * 1024 * 1024
        config.limits.maxJobsInFlight = maxJobs
        config.leaseSeconds = leaseSeconds
        config.webhookBackoffSeconds = webhookBackoff
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        do {
            let server = try FacecastServer(config: config)
            let shownHost = host.contains(":") ? "[\(host)]" : host
            try await server.run { port in
                let line = "facecast: serving on http://\(shownHost):\(port) (data: \(server.data.root.path), workers: \(workers)\(open ? ", open: no API keys" : ""))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("facecast: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
