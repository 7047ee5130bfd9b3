import FacecastCore

/// The job store's driver protocol: avatars, jobs and their leases, keys, webhook deliveries.
/// Every lifecycle change goes through `JobLifecycle` inside one transaction, so a stale worker
/// (lost lease) can never complete, fail or heartbeat a job that another worker owns.
public protocol JobStore: Sendable {
    // Tenants and keys.
    func tenant(_ id: String) async throws -> TenantRecord?
    func ensureTenant(_ id: String, now: Double) async throws -> TenantRecord
    func addKey(_ key: APIKeyRecord) async throws
    func key(id: String) async throws -> APIKeyRecord?
    func keys() async throws -> [APIKeyRecord]
    func revokeKey(id: String, now: Double) async throws -> Bool

    // Avatars.
    func insertAvatar(_ avatar: AvatarRecord) async throws
    func avatar(id: String, tenant: String) async throws -> AvatarRecord?
    func deleteAvatar(id: String, tenant: String) async throws -> Bool

    // Jobs.
    func insertJob(_ job: JobRecord) async throws
    /// A tenant's job; `nil` when it does not exist or belongs to another tenant.
    func job(id: String, tenant: String) async throws -> JobRecord?
    func jobs(tenant: String, limit: Int) async throws -> [JobRecord]
    func inFlightCount(tenant: String) async throws -> Int
    /// Atomically leases the oldest claimable job (queued, or rendering with an expired lease) to `worker`.
    func claimNext(worker: String, now: Double, lease: Double) async throws -> JobRecord?
    /// Extends the lease and records progress; false when the worker no longer holds the lease.
    func heartbeat(id: String, worker: String, now: Double, lease: Double, progress: Double) async throws -> Bool
    /// Marks the job done if `worker` still holds the lease. `commit` (moving the output into place) runs
    /// inside the same transaction: if it throws, nothing changes.
    func finish(id: String, worker: String, now: Double, result: JobResult,
                commit: @escaping @Sendable () throws -> Void) async throws -> Bool
    func fail(id: String, worker: String, now: Double, message: String) async throws -> Bool
    /// Gives a job back to the queue (graceful shutdown).
    func release(id: String, worker: String, now: Double) async throws -> Bool
    /// Re-queues (or fails) rendering jobs whose lease ran out; returns their ids.
    func expireLeases(now: Double, maxAttempts: Int) async throws -> [String]
    /// Re-queues every rendering job: for a store only this process uses, after a restart.
    func recoverAll(now: Double, maxAttempts: Int) async throws -> [String]
    /// The job's lifecycle history (claimed, heartbeat-less requeues, done...).
    func events(jobID: String) async throws -> [JobEventRecord]

    // Webhooks.
    func recordDelivery(_ delivery: WebhookDelivery) async throws
    func deliveries(jobID: String) async throws -> [WebhookDelivery]
}

/// Errors of the store, with the data to explain them.
public enum JobStoreError: Error, Sendable, CustomStringConvertible {
    case corruptRow(table: String, id: String, detail: String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id, let detail): return "The \(table) row \(id) is unreadable: \(detail)"
        }
    }
}
