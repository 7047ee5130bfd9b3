import FacecastCore
import Foundation
import GRDB

/// The embedded job store: one SQLite file (GRDB), used by one `facecast serve` process at a time
/// (the data directory is locked), so after a restart every job still marked rendering is orphaned.
public final class SQLiteJobStore: JobStore {
    let db: DatabaseQueue

    /// Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory store.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        db = path == ":memory:" ? try DatabaseQueue(configuration: config) : try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE tenants (id TEXT PRIMARY KEY, webhook_secret TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE api_keys (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, name TEXT NOT NULL, hash TEXT NOT NULL,
                    created_at REAL NOT NULL, revoked_at REAL);
                CREATE TABLE avatars (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, created_at REAL NOT NULL,
                    photo_file TEXT NOT NULL, summary_json TEXT NOT NULL);
                CREATE TABLE jobs (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, avatar_id TEXT, spec_json TEXT NOT NULL,
                    webhook_url TEXT, lifecycle_json TEXT NOT NULL, status TEXT NOT NULL, lease_expiry REAL,
                    created_at REAL NOT NULL, result_json TEXT);
                CREATE INDEX jobs_claim ON jobs(status, created_at);
                CREATE INDEX jobs_tenant ON jobs(tenant, created_at);
                CREATE TABLE job_events (job_id TEXT NOT NULL, at REAL NOT NULL, kind TEXT NOT NULL, worker TEXT, detail TEXT);
                CREATE INDEX job_events_job ON job_events(job_id);
                CREATE TABLE webhook_deliveries (job_id TEXT NOT NULL, attempt INTEGER NOT NULL, at REAL NOT NULL,
                    status_code INTEGER, error TEXT, delivered INTEGER NOT NULL);
                """)
        }
        return m
    }

    // MARK: Tenants and keys

    public func tenant(_ id: String) async throws -> TenantRecord? {
        try await db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [id]).map {
                TenantRecord(id: $0["id"], webhookSecret: $0["webhook_secret"], createdAt: $0["created_at"])
            }
        }
    }

    public func ensureTenant(_ id: String, now: Double) async throws -> TenantRecord {
        let secret = Secrets.random(bytes: 32)
        return try await db.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO tenants (id, webhook_secret, created_at) VALUES (?, ?, ?)",
                           arguments: [id, secret, now])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [id])!
            return TenantRecord(id: row["id"], webhookSecret: row["webhook_secret"], createdAt: row["created_at"])
        }
    }

    public func addKey(_ key: APIKeyRecord) async throws {
        try await db.write { db in
            try db.execute(sql: "INSERT INTO api_keys (id, tenant, name, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [key.id, key.tenant, key.name, key.hash, key.createdAt, key.revokedAt])
        }
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await db.read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.key) }
    }

    public func keys() async throws -> [APIKeyRecord] {
        try await db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at").map(Self.key) }
    }

    public func revokeKey(id: String, now: Double) async throws -> Bool {
        try await db.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
            return db.changesCount > 0
        }
    }

    static func key(_ row: Row) -> APIKeyRecord {
        APIKeyRecord(id: row["id"], tenant: row["tenant"], name: row["name"], hash: row["hash"],
                     createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }

    // MARK: Avatars

    public func insertAvatar(_ a: AvatarRecord) async throws {
        try await db.write { db in
            try db.execute(sql: "INSERT INTO avatars (id, tenant, created_at, photo_file, summary_json) VALUES (?, ?, ?, ?, ?)",
                           arguments: [a.id, a.tenant, a.createdAt, a.photoFile, a.summaryJSON])
        }
    }

    public func avatar(id: String, tenant: String) async throws -> AvatarRecord? {
        try await db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM avatars WHERE id = ? AND tenant = ?", arguments: [id, tenant]).map {
                AvatarRecord(id: $0["id"], tenant: $0["tenant"], createdAt: $0["created_at"], photoFile: $0["photo_file"],
                             summaryJSON: $0["summary_json"])
            }
        }
    }

    public func deleteAvatar(id: String, tenant: String) async throws -> Bool {
        try await db.write { db in
            try db.execute(sql: "DELETE FROM avatars WHERE id = ? AND tenant = ?", arguments: [id, tenant])
            return db.changesCount > 0
        }
    }

    // MARK: Webhooks

    public func recordDelivery(_ d: WebhookDelivery) async throws {
        try await db.write { db in
            try db.execute(sql: """
                INSERT INTO webhook_deliveries (job_id, attempt, at, status_code, error, delivered) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [d.jobID, d.attempt, d.at, d.statusCode, d.error, d.delivered])
        }
    }

    public func deliveries(jobID: String) async throws -> [WebhookDelivery] {
        try await db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_deliveries WHERE job_id = ? ORDER BY attempt", arguments: [jobID]).map {
                WebhookDelivery(jobID: $0["job_id"], attempt: $0["attempt"], at: $0["at"], statusCode: $0["status_code"],
                                error: $0["error"], delivered: $0["delivered"])
            }
        }
    }
}
