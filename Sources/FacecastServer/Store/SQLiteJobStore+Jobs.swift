import FacecastCore
import Foundation
import GRDB

extension SQLiteJobStore {
    public func insertJob(_ job: JobRecord) async throws {
        try await db.write { db in
            try db.execute(sql: """
                INSERT INTO jobs (id, tenant, avatar_id, spec_json, webhook_url, lifecycle_json, status, lease_expiry, created_at, result_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [job.id, job.tenant, job.avatarID, try JSONCoding.string(job.spec), job.webhookURL,
                                 try JSONCoding.string(job.lifecycle), job.lifecycle.status.rawValue,
                                 job.lifecycle.leaseExpiry, job.lifecycle.createdAt])
            try Self.log(db, job.id, at: job.lifecycle.createdAt, kind: "created", worker: nil, detail: nil)
        }
    }

    public func job(id: String, tenant: String) async throws -> JobRecord? {
        try await db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ? AND tenant = ?", arguments: [id, tenant]).map(Self.job)
        }
    }

    public func jobs(tenant: String, limit: Int) async throws -> [JobRecord] {
        try await db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                             arguments: [tenant, limit]).map(Self.job)
        }
    }

    public func inFlightCount(tenant: String) async throws -> Int {
        try await db.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE tenant = ? AND status IN ('queued', 'rendering')",
                             arguments: [tenant]) ?? 0
        }
    }

    public func claimNext(worker: String, now: Double, lease: Double) async throws -> JobRecord? {
        try await db.write { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT * FROM jobs WHERE status = 'queued' OR (status = 'rendering' AND lease_expiry <= ?)
                ORDER BY created_at, rowid LIMIT 1
                """, arguments: [now])
            guard let row else { return nil }
            var job = try Self.job(row)
            guard case .success(let next) = job.lifecycle.applying(.claim(worker: worker, now: now, lease: lease)) else { return nil }
            job.lifecycle = next
            try Self.save(db, job)
            try Self.log(db, job.id, at: now, kind: "claimed", worker: worker, detail: "attempt \(next.attempts)")
            return job
        }
    }

    public func heartbeat(id: String, worker: String, now: Double, lease: Double, progress: Double) async throws -> Bool {
        try await transition(id: id, event: .heartbeat(worker: worker, now: now, lease: lease, progress: progress),
                             log: nil, now: now, worker: worker)
    }

    public func finish(id: String, worker: String, now: Double, result: JobResult,
                       commit: @escaping @Sendable () throws -> Void) async throws -> Bool {
        try await db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else { return false }
            var job = try Self.job(row)
            guard case .success(let next) = job.lifecycle.applying(.succeed(worker: worker, now: now)) else { return false }
            job.lifecycle = next
            job.result = result
            try Self.save(db, job)
            try Self.log(db, id, at: now, kind: "done", worker: worker, detail: nil)
            // Last: if moving the output fails, the transaction rolls back and the job stays leased.
            try commit()
            return true
        }
    }

    public func fail(id: String, worker: String, now: Double, message: String) async throws -> Bool {
        try await transition(id: id, event: .fail(worker: worker, now: now, message: message), log: "failed",
                             now: now, worker: worker, detail: message)
    }

    public func release(id: String, worker: String, now: Double) async throws -> Bool {
        try await transition(id: id, event: .release(worker: worker), log: "released", now: now, worker: worker)
    }

    public func expireLeases(now: Double, maxAttempts: Int) async throws -> [String] {
        try await sweep(sql: "SELECT * FROM jobs WHERE status = 'rendering' AND lease_expiry <= ?", arguments: [now],
                        event: .expire(now: now, maxAttempts: maxAttempts), kind: "lease expired", now: now)
    }

    public func recoverAll(now: Double, maxAttempts: Int) async throws -> [String] {
        try await sweep(sql: "SELECT * FROM jobs WHERE status = 'rendering'", arguments: [],
                        event: .recover(now: now, maxAttempts: maxAttempts), kind: "recovered after restart", now: now)
    }

    public func events(jobID: String) async throws -> [JobEventRecord] {
        try await db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job_events WHERE job_id = ? ORDER BY rowid", arguments: [jobID]).map {
                JobEventRecord(at: $0["at"], kind: $0["kind"], worker: $0["worker"], detail: $0["detail"])
            }
        }
    }

    // MARK: Helpers

    private func transition(id: String, event: JobLifecycle.Event, log kind: String?, now: Double, worker: String?,
                            detail: String? = nil) async throws -> Bool {
        try await db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else { return false }
            var job = try Self.job(row)
            guard case .success(let next) = job.lifecycle.applying(event) else { return false }
            job.lifecycle = next
            try Self.save(db, job)
            if let kind { try Self.log(db, id, at: now, kind: kind, worker: worker, detail: detail) }
            return true
        }
    }

    private func sweep(sql: String, arguments: [Double], event: JobLifecycle.Event, kind: String,
                       now: Double) async throws -> [String] {
        try await db.write { db in
            var changed: [String] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                var job = try Self.job(row)
                guard case .success(let next) = job.lifecycle.applying(event) else { continue }
                let holder = job.lifecycle.leaseOwner
                job.lifecycle = next
                try Self.save(db, job)
                try Self.log(db, job.id, at: now, kind: kind, worker: holder, detail: next.status.rawValue)
                changed.append(job.id)
            }
            return changed
        }
    }

    static func save(_ db: Database, _ job: JobRecord) throws {
        try db.execute(sql: """
            UPDATE jobs SET lifecycle_json = ?, status = ?, lease_expiry = ?, result_json = ? WHERE id = ?
            """, arguments: [try JSONCoding.string(job.lifecycle), job.lifecycle.status.rawValue, job.lifecycle.leaseExpiry,
                             try job.result.map { try JSONCoding.string($0) }, job.id])
    }

    static func log(_ db: Database, _ id: String, at: Double, kind: String, worker: String?, detail: String?) throws {
        try db.execute(sql: "INSERT INTO job_events (job_id, at, kind, worker, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, at, kind, worker, detail])
    }

    static func job(_ row: Row) throws -> JobRecord {
        let id: String = row["id"]
        do {
            let resultJSON: String? = row["result_json"]
            return JobRecord(
                id: id, tenant: row["tenant"], avatarID: row["avatar_id"],
                spec: try JSONCoding.decode(JobSpec.self, row["spec_json"]), webhookURL: row["webhook_url"],
                lifecycle: try JSONCoding.decode(JobLifecycle.self, row["lifecycle_json"]),
                result: try resultJSON.map { try JSONCoding.decode(JobResult.self, $0) })
        } catch {
            throw JobStoreError.corruptRow(table: "jobs", id: id, detail: "\(error)")
        }
    }
}
