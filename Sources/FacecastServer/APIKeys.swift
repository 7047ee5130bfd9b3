import Foundation

/// API keys: `fc_<id>_<secret>`. The id finds the row; only the SHA-256 of the whole key is stored.
public enum APIKeys {
    public struct Created: Sendable {
        public var key: String
        public var record: APIKeyRecord
        public var tenant: TenantRecord
    }

    /// Makes a key for `tenant` (creating the tenant and its webhook secret on first use).
    public static func create(tenant: String, name: String, store: any JobStore, now: Double) async throws -> Created {
        let id = Secrets.random(bytes: 6)
        let key = "fc_\(id)_\(Secrets.random(bytes: 24))"
        let tenantRecord = try await store.ensureTenant(tenant, now: now)
        let record = APIKeyRecord(id: id, tenant: tenant, name: name, hash: Secrets.sha256Hex(key), createdAt: now, revokedAt: nil)
        try await store.addKey(record)
        return Created(key: key, record: record, tenant: tenantRecord)
    }

    /// The tenant of a presented key, or nil when it is malformed, unknown, revoked or wrong.
    public static func tenant(for presented: String, store: any JobStore) async throws -> String? {
        let parts = presented.split(separator: "_")
        guard parts.count == 3, parts[0] == "fc", parts[1].count == 12 else { return nil }
        guard let record = try await store.key(id: String(parts[1])), record.revokedAt == nil else { return nil }
        return Secrets.constantTimeEquals(record.hash, Secrets.sha256Hex(presented)) ? record.tenant : nil
    }

    /// Tenant names: 1–64 of letters, digits, '-', '_', '.'.
    public static func isValidTenant(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
