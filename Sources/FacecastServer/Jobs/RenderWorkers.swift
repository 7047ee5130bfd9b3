import FacecastEngine
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The render workers, run as a service beside the HTTP server: each worker leases a job from the store,
/// renders it with the engine while heartbeating progress, and completes it exactly once.
/// On graceful shutdown (SIGTERM) running renders are cancelled and their jobs handed back to the queue.
public final class RenderWorkers: Service, Sendable {
    let store: any JobStore
    let engine: Engine
    let data: DataDirectory
    let config: ServerConfiguration
    let clock: ServerClock
    let webhooks: WebhookSender
    let logger: Logger
    /// A unique prefix for this process's worker ids (`host-pid-random/N`).
    let instance: String

    public init(store: any JobStore, engine: Engine, data: DataDirectory, config: ServerConfiguration, clock: ServerClock,
                webhooks: WebhookSender, logger: Logger) {
        self.store = store
        self.engine = engine
        self.data = data
        self.config = config
        self.clock = clock
        self.webhooks = webhooks
        self.logger = logger
        instance = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(Secrets.random(bytes: 3))"
    }

    public func run() async throws {
        logger.info("render workers starting", metadata: ["workers": .stringConvertible(config.workers)])
        // On SIGTERM the group is cancelled: renders stop and their jobs go back to the queue.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for n in 0..<max(0, self.config.workers) {
                    group.addTask { await self.workerLoop(id: "\(self.instance)/\(n)") }
                }
                group.addTask { await self.leaseSweeper() }
                await group.waitForAll()
            }
        }
        logger.info("render workers stopped")
    }

    /// Re-queues jobs whose worker stopped heartbeating (a hung or vanished worker).
    func leaseSweeper() async {
        while !Task.isCancelled {
            do {
                let ids = try await store.expireLeases(now: clock.now(), maxAttempts: config.maxAttempts)
                for id in ids { logger.warning("lease expired, job re-queued", metadata: ["job": .string(id)]) }
            } catch is CancellationError { return } catch {
                logger.error("lease sweep failed", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: .seconds(max(1, config.leaseSeconds / 4)))
        }
    }

    func workerLoop(id worker: String) async {
        while !Task.isCancelled {
            let job: JobRecord?
            do { job = try await store.claimNext(worker: worker, now: clock.now(), lease: config.leaseSeconds) } catch {
                if Task.isCancelled { return }
                logger.error("claiming a job failed", metadata: ["error": .string("\(error)")])
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            guard let job else {
                try? await Task.sleep(for: .seconds(config.pollSeconds))
                continue
            }
            await process(job, worker: worker)
        }
    }
}
