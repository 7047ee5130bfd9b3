import FacecastCore
import FacecastServer
import FacecastTesting
import Foundation
import Synchronization
import Testing

@Suite struct JobStoreTests {
    func store() throws -> SQLiteJobStore {
        try SQLiteJobStore(path: try Fixtures.temporaryDirectory().appendingPathComponent("s.sqlite").path)
    }

    func job(_ id: String, at t: Double = 0) -> JobRecord {
        JobRecord(id: id, tenant: "t", avatarID: nil, spec: JobSpec(text: "Hi."), webhookURL: nil,
                  lifecycle: JobLifecycle(createdAt: t), result: nil)
    }

    static let result = JobResult(width: 1, height: 1, fps: 25, frames: 1, duration: 0.04, renderSeconds: 0, bytes: 1,
                                  captions: false, poster: false)

    @Test func concurrentClaimsLeaseEachJobToOneWorker() async throws {
        let s = try store()
        for i in 0..<5 { try await s.insertJob(job("j\(i)", at: Double(i))) }
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for w in 0..<4 {
                group.addTask {
                    var mine: [String] = []
                    while let j = try await s.claimNext(worker: "w\(w)", now: 10, lease: 30) { mine.append(j.id) }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.sorted() == ["j0", "j1", "j2", "j3", "j4"])
    }

    @Test func onlyTheLeaseHolderCompletesAndTheOutputMovesInTheSameTransaction() async throws {
        let s = try store()
        try await s.insertJob(job("j"))
        _ = try #require(try await s.claimNext(worker: "old", now: 0, lease: 5))
        // The old worker stops heartbeating; the lease runs out and another worker takes the job.
        #expect(try await s.expireLeases(now: 10, maxAttempts: 3) == ["j"])
        let again = try #require(try await s.claimNext(worker: "new", now: 11, lease: 5))
        #expect(again.lifecycle.attempts == 2)
        let commits = Locked(0)
        #expect(try await s.finish(id: "j", worker: "old", now: 12, result: Self.result) { commits.withLock { $0 += 1 } } == false)
        #expect(try await s.heartbeat(id: "j", worker: "old", now: 12, lease: 5, progress: 0.5) == false)
        // A failing commit rolls the completion back.
        struct MoveFailed: Error {}
        await #expect(throws: MoveFailed.self) {
            try await s.finish(id: "j", worker: "new", now: 13, result: Self.result) { throw MoveFailed() }
        }
        #expect(try await s.job(id: "j", tenant: "t")?.lifecycle.status == .rendering)
        #expect(try await s.finish(id: "j", worker: "new", now: 14, result: Self.result) { commits.withLock { $0 += 1 } })
        #expect(commits.withLock { $0 } == 1)
        let done = try #require(try await s.job(id: "j", tenant: "t"))
        #expect(done.lifecycle.status == .done && done.result == Self.result)
        #expect(try await s.job(id: "j", tenant: "other") == nil)
        let kinds = try await s.events(jobID: "j").map(\.kind)
        #expect(kinds == ["created", "claimed", "lease expired", "claimed", "done"])
    }

    @Test func recoveryAfterARestartRequeuesRenderingJobs() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let s = try SQLiteJobStore(path: path)
            try await s.insertJob(job("a"))
            try await s.insertJob(job("b", at: 1))
            _ = try await s.claimNext(worker: "dead", now: 2, lease: 1000)
        }
        let reopened = try SQLiteJobStore(path: path)
        #expect(try await reopened.inFlightCount(tenant: "t") == 2)
        #expect(try await reopened.recoverAll(now: 3, maxAttempts: 3) == ["a"])
        let next = try #require(try await reopened.claimNext(worker: "alive", now: 4, lease: 30))
        #expect(next.id == "a" && next.lifecycle.attempts == 2)
    }

    @Test func keysAreStoredHashedAndComparedByHash() async throws {
        let s = try store()
        let created = try await APIKeys.create(tenant: "acme", name: "ci", store: s, now: 1)
        #expect(created.key.hasPrefix("fc_"))
        let stored = try #require(try await s.keys().first)
        #expect(stored.hash == Secrets.sha256Hex(created.key))
        #expect(stored.hash != created.key && !stored.hash.contains(created.key.suffix(10)))
        #expect(try await APIKeys.tenant(for: created.key, store: s) == "acme")
        #expect(try await APIKeys.tenant(for: created.key + "x", store: s) == nil)
        #expect(try await APIKeys.tenant(for: "fc_\(stored.id)_" + String(repeating: "0", count: 48), store: s) == nil)
        #expect(try await APIKeys.tenant(for: "garbage", store: s) == nil)
        #expect(Secrets.constantTimeEquals("abc", "abc") && !Secrets.constantTimeEquals("abc", "abd") && !Secrets.constantTimeEquals("abc", "ab"))
    }
}
