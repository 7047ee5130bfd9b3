/// A video job's status as clients see it.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case queued, rendering, done, failed

    /// Done and failed jobs never change again.
    public var isFinal: Bool { self == .done || self == .failed }
}

/// The part of a job that its lifecycle changes: status, lease, attempts, progress, error.
/// Times are seconds since 1970 from an injected clock, so the machine is pure and testable.
public struct JobLifecycle: Sendable, Equatable, Codable {
    public var status: JobStatus
    /// How many times a worker has claimed the job (1 on the first render).
    public var attempts: Int
    public var progress: Double
    /// The worker holding the lease while rendering.
    public var leaseOwner: String?
    public var leaseExpiry: Double?
    public var error: String?
    public var createdAt: Double
    public var finishedAt: Double?

    public init(createdAt: Double) {
        status = .queued
        attempts = 0
        progress = 0
        self.createdAt = createdAt
    }

    /// What can happen to a job.
    public enum Event: Sendable, Equatable {
        /// A worker takes the job for `lease` seconds.
        case claim(worker: String, now: Double, lease: Double)
        /// The lease holder is alive; progress 0…1.
        case heartbeat(worker: String, now: Double, lease: Double, progress: Double)
        /// The lease holder finished and the output is in place.
        case succeed(worker: String, now: Double)
        /// The lease holder failed for a reason that retrying will not fix (bad input).
        case fail(worker: String, now: Double, message: String)
        /// The lease holder gives the job back (graceful shutdown).
        case release(worker: String)
        /// Time passed; a rendering job whose lease ran out goes back to the queue (or fails after `maxAttempts`).
        case expire(now: Double, maxAttempts: Int)
        /// The process that held the lease is known to be gone (single-process store after a restart).
        case recover(now: Double, maxAttempts: Int)
    }

    /// Why an event was refused. Refusals are normal (e.g. a stale worker's late heartbeat) and change nothing.
    public enum Refusal: Error, Sendable, Equatable {
        case notClaimable(JobStatus)
        case notLeaseHolder(worker: String, holder: String?)
        case notRendering(JobStatus)
        case leaseStillValid
    }

    /// Applies an event, returning the new lifecycle or why it does not apply.
    public func applying(_ event: Event) -> Result<JobLifecycle, Refusal> {
        var next = self
        switch event {
        case .claim(let worker, let now, let lease):
            let expired = status == .rendering && (leaseExpiry ?? 0) <= now
            guard status == .queued || expired else { return .failure(.notClaimable(status)) }
            next.status = .rendering
            next.attempts += 1
            next.progress = 0
            next.leaseOwner = worker
            next.leaseExpiry = now + lease
            next.error = nil
        case .heartbeat(let worker, let now, let lease, let progress):
            if let refusal = holderCheck(worker) { return .failure(refusal) }
            next.leaseExpiry = now + lease
            next.progress = min(1, max(self.progress, progress))
        case .succeed(let worker, let now):
            if let refusal = holderCheck(worker) { return .failure(refusal) }
            next.status = .done
            next.progress = 1
            next.leaseOwner = nil
            next.leaseExpiry = nil
            next.finishedAt = now
        case .fail(let worker, let now, let message):
            if let refusal = holderCheck(worker) { return .failure(refusal) }
            next.status = .failed
            next.error = message
            next.leaseOwner = nil
            next.leaseExpiry = nil
            next.finishedAt = now
        case .release(let worker):
            if let refusal = holderCheck(worker) { return .failure(refusal) }
            next.requeue()
        case .expire(let now, let maxAttempts):
            guard status == .rendering else { return .failure(.notRendering(status)) }
            guard (leaseExpiry ?? 0) <= now else { return .failure(.leaseStillValid) }
            next.giveUpOrRequeue(maxAttempts: maxAttempts, now: now)
        case .recover(let now, let maxAttempts):
            guard status == .rendering else { return .failure(.notRendering(status)) }
            next.giveUpOrRequeue(maxAttempts: maxAttempts, now: now)
        }
        return .success(next)
    }

    private func holderCheck(_ worker: String) -> Refusal? {
        guard status == .rendering else { return .notRendering(status) }
        guard leaseOwner == worker else { return .notLeaseHolder(worker: worker, holder: leaseOwner) }
        return nil
    }

    private mutating func requeue() {
        status = .queued
        progress = 0
        leaseOwner = nil
        leaseExpiry = nil
    }

    /// A job that keeps killing its workers (or keeps being interrupted) is failed instead of retried forever.
    private mutating func giveUpOrRequeue(maxAttempts: Int, now: Double) {
        if attempts >= maxAttempts {
            status = .failed
            error = "The render was interrupted \(attempts) times (worker stopped or crashed); giving up. Try again with a shorter script or a smaller size."
            leaseOwner = nil
            leaseExpiry = nil
            finishedAt = now
        } else {
            requeue()
        }
    }
}
