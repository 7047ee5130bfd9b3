import ArgumentParser
import FacecastServer
import Foundation

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke the server's API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct DataOption: ParsableArguments {
        @Option(name: .long, help: "The server's data folder (as given to `facecast serve --data`).")
        var data = "facecast-data"

        func store() throws -> SQLiteJobStore {
            let dir = try DataDirectory(data)
            return try SQLiteJobStore(path: dir.databasePath)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new API key for a tenant (printed once; only its hash is stored).")
        @OptionGroup var data: DataOption
        @Option(name: .long, help: "The tenant the key belongs to; a tenant sees only its own avatars and videos.")
        var tenant: String
        @Option(name: .long, help: "A label for the key.")
        var name = "default"

        func validate() throws {
            if !APIKeys.isValidTenant(tenant) { throw ValidationError("--tenant must be 1–64 letters, digits, '-', '_' or '.'.") }
        }

        func run() async throws {
            let created = try await APIKeys.create(tenant: tenant, name: name, store: try data.store(),
                                                   now: Date().timeIntervalSince1970)
            print("""
                API key (shown only now; store it safely):
                  \(created.key)
                Tenant: \(created.tenant.id)   key id: \(created.record.id)
                Webhook signing secret of this tenant (verify Facecast-Signature with it):
                  \(created.tenant.webhookSecret)
                """)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids, tenants, names; never the keys).")
        @OptionGroup var data: DataOption

        func run() async throws {
            let keys = try await data.store().keys()
            if keys.isEmpty { print("No API keys. Create one with `facecast keys create --tenant NAME`.") }
            let f = ISO8601DateFormatter()
            for k in keys {
                let state = k.revokedAt.map { "revoked \(f.string(from: Date(timeIntervalSince1970: $0)))" } ?? "active"
                print("\(k.id)  tenant=\(k.tenant)  name=\(k.name)  created=\(f.string(from: Date(timeIntervalSince1970: k.createdAt)))  \(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id (see `facecast keys list`).")
        @OptionGroup var data: DataOption
        @Argument(help: "The key id (the part after fc_), or the whole key.")
        var id: String

        func run() async throws {
            let parts = id.split(separator: "_")
            let keyID = parts.count == 3 ? String(parts[1]) : id
            guard try await data.store().revokeKey(id: keyID, now: Date().timeIntervalSince1970) else {
                FileHandle.standardError.write(Data("facecast: error: no active key with id \(keyID).\n".utf8))
                throw ExitCode(2)
            }
            print("Revoked key \(keyID).")
        }
    }
}
