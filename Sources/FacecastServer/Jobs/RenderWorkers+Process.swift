import FacecastEngine
import Foundation
import Logging
import MediaFFmpeg
import Synchronization

extension RenderWorkers {
    /// Renders one leased job. Outputs are rendered under attempt-specific names and moved to their final
    /// names inside the store's completion transaction, which only succeeds while this worker holds the lease.
    func process(_ job: JobRecord, worker: String) async {
        var log = logger
        log[metadataKey: "job"] = .string(job.id)
        log[metadataKey: "worker"] = .string(worker)
        log.info("render started", metadata: ["attempt": .stringConvertible(job.lifecycle.attempts)])
        let dir = data.job(job.id)
        let attempt = job.lifecycle.attempts
        let renderPath = dir.appendingPathComponent("render-\(attempt).mp4").path
        let posterPath = dir.appendingPathComponent("poster-\(attempt).jpg").path
        let latest = Locked(0.0)
        let lostLease = Locked(false)

        let renderTask = Task { () throws -> RenderResult in
            var request = RenderRequest(photoPath: try Self.photoPath(in: dir), text: job.spec.text, outputPath: renderPath)
            (request.voice, request.language) = JobSpec.voiceSelection(job.spec.voice)
            request.captions = job.spec.captions ? [.vtt] : []
            request.fps = job.spec.fps
            request.seed = job.spec.seed
            request.visibleLabel = job.spec.label
            if job.spec.framing == "crop" {
                request.framing = .crop(size: job.spec.size)
            } else {
                request.framing = .photo(maxLongSide: job.spec.size, maxShortSide: min(job.spec.size, 1080))
            }
            let result = try await engine.render(request) { p in latest.withLock { $0 = p } }
            try PosterFrame.extract(videoPath: renderPath, at: min(0.5, result.duration / 2), to: posterPath)
            return result
        }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(config.heartbeatSeconds))
                if Task.isCancelled { break }
                let progress = latest.withLock { $0 } * 0.97  // the last 3 % is the poster and the commit
                let held = (try? await store.heartbeat(id: job.id, worker: worker, now: clock.now(), lease: config.leaseSeconds,
                                                       progress: progress)) ?? true
                if !held {
                    lostLease.withLock { $0 = true }
                    renderTask.cancel()
                    break
                }
            }
        }
        let outcome = await withTaskCancellationHandler {
            await renderTask.result
        } onCancel: {
            renderTask.cancel()
        }
        heartbeat.cancel()
        _ = await heartbeat.result

        // Store calls below run in fresh tasks so a cancelled (shutting-down) worker still records the outcome.
        switch outcome {
        case .success(let result):
            let bytes = (try? FileManager.default.attributesOfItem(atPath: renderPath)[.size] as? Int) ?? 0
            let summary = JobResult(width: result.width, height: result.height, fps: result.fps, frames: result.frames,
                                    duration: result.duration, renderSeconds: result.seconds.total, bytes: bytes,
                                    captions: job.spec.captions, poster: true)
            let finalVideo = dir.appendingPathComponent("video.mp4").path
            let finalPoster = dir.appendingPathComponent("poster.jpg").path
            let finalCaptions = dir.appendingPathComponent("captions.vtt").path
            let captionsPath = dir.appendingPathComponent("render-\(attempt).vtt").path
            let done = await detached {
                try await self.store.finish(id: job.id, worker: worker, now: self.clock.now(), result: summary) {
                    try Self.replace(finalPoster, with: posterPath)
                    if job.spec.captions { try Self.replace(finalCaptions, with: captionsPath) }
                    try Self.replace(finalVideo, with: renderPath)
                }
            }
            switch done {
            case .success(true):
                log.info("render done", metadata: ["seconds": .string(String(format: "%.2f", result.seconds.total))])
                Self.removeLeftovers(in: dir)
                await webhooks.deliver(jobID: job.id, tenant: job.tenant)
            case .success(false):
                log.warning("render finished but the lease was lost; output discarded")
                try? FileManager.default.removeItem(atPath: renderPath)
                try? FileManager.default.removeItem(atPath: posterPath)
            case .failure(let error):
                log.error("completing the job failed", metadata: ["error": .string("\(error)")])
            }
        case .failure(let error):
            try? FileManager.default.removeItem(atPath: renderPath)
            try? FileManager.default.removeItem(atPath: posterPath)
            if Task.isCancelled || error is CancellationError || lostLease.withLock({ $0 }) {
                if lostLease.withLock({ $0 }) {
                    log.warning("lease lost; render abandoned")
                } else {
                    _ = await detached { try await self.store.release(id: job.id, worker: worker, now: self.clock.now()) }
                    log.info("render interrupted by shutdown; job re-queued")
                }
                return
            }
            let message = FacecastError.wrap(error).message
            _ = await detached { try await self.store.fail(id: job.id, worker: worker, now: self.clock.now(), message: message) }
            log.warning("render failed", metadata: ["error": .string(message)])
            await webhooks.deliver(jobID: job.id, tenant: job.tenant)
        }
    }

    /// Runs store work outside the current task's cancellation.
    func detached<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async -> Result<T, any Error> {
        await Task { try await work() }.result
    }

    static func photoPath(in dir: URL) throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        guard let name = names.first(where: { $0.hasPrefix("photo.") }) else {
            throw FacecastError(.input, "The job's photo is missing from the data directory.")
        }
        return dir.appendingPathComponent(name).path
    }

    /// rename(2) over the destination: atomic, so readers see the old file or the new one, never a mix.
    static func replace(_ destination: String, with source: String) throws {
        guard rename(source, destination) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
        }
    }

    /// Earlier interrupted attempts' files (render-N.mp4, encoder temp files).
    static func removeLeftovers(in dir: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        where name.hasPrefix("render-") || name.hasPrefix("poster-") || name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
    }
}
