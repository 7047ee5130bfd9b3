import FacecastEngine
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `facecast serve`: the HTTP server (REST API, web page) and the render workers over one job store.
public struct FacecastServer: Sendable {
    public let config: ServerConfiguration
    public let store: any JobStore
    public let data: DataDirectory
    public let engine: Engine
    public let clock: ServerClock
    public let logger: Logger

    public struct RefusedConfiguration: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens the data directory's store. `--open` is refused on anything but a loopback address.
    public init(config: ServerConfiguration, engine: Engine = Engine(), clock: ServerClock = .system,
                logger: Logger = Logger(label: "facecast.server")) throws {
        if config.open && !config.isLoopbackHost {
            throw RefusedConfiguration(description:
                "--open (no API keys) is only allowed on 127.0.0.1, localhost or ::1, not \(config.host). Create API keys with `facecast keys create` to serve other machines.")
        }
        self.config = config
        self.data = try DataDirectory(config.dataDirectory)
        self.store = try SQLiteJobStore(path: data.databasePath)
        self.engine = engine
        self.clock = clock
        self.logger = logger
    }

    public func router() -> Router<FacecastContext> {
        let router = Router(context: FacecastContext.self)
        router.add(middleware: RequestLogMiddleware())
        PublicRoutes(config: config).register(on: router)
        APIRoutes(store: store, engine: engine, data: data, config: config, clock: clock).register(on: router)
        return router
    }

    public func workers() -> RenderWorkers {
        RenderWorkers(store: store, engine: engine, data: data, config: config, clock: clock,
                      webhooks: WebhookSender(store: store, config: config, clock: clock, logger: logger), logger: logger)
    }

    /// The application: HTTP server plus render workers. `onRunning` receives the bound port.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Facecast"),
            services: [workers()],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Runs until SIGTERM/SIGINT: locks the data directory, re-queues jobs a previous process left rendering,
    /// then serves. On SIGTERM running renders are cancelled and their jobs re-queued.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let lock = try data.lock()
        let recovered = try await store.recoverAll(now: clock.now(), maxAttempts: config.maxAttempts)
        if !recovered.isEmpty {
            logger.warning("re-queued jobs left rendering by a previous process", metadata: ["jobs": .string(recovered.joined(separator: ","))])
        }
        if config.open { _ = try await store.ensureTenant(ServerConfiguration.openTenant, now: clock.now()) }
        try await application(onRunning: onRunning).runService()
        withExtendedLifetime(lock) {}
    }
}
