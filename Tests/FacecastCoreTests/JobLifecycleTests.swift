import FacecastCore
import Testing

@Suite struct JobLifecycleTests {
    func claimed(_ worker: String = "w1", at now: Double = 100, lease: Double = 30) throws -> JobLifecycle {
        try JobLifecycle(createdAt: 0).applying(.claim(worker: worker, now: now, lease: lease)).get()
    }

    @Test func aClaimLeasesTheJobAndCountsTheAttempt() throws {
        let j = try claimed()
        #expect(j.status == .rendering)
        #expect(j.attempts == 1)
        #expect(j.leaseOwner == "w1")
        #expect(j.leaseExpiry == 130)
    }

    @Test func aLeasedJobCannotBeClaimedUntilTheLeaseRunsOut() throws {
        let j = try claimed()
        #expect(j.applying(.claim(worker: "w2", now: 129, lease: 30)) == .failure(.notClaimable(.rendering)))
        let taken = try j.applying(.claim(worker: "w2", now: 130, lease: 30)).get()
        #expect(taken.leaseOwner == "w2")
        #expect(taken.attempts == 2)
    }

    @Test func heartbeatsExtendTheLeaseAndProgressNeverGoesBack() throws {
        var j = try claimed()
        j = try j.applying(.heartbeat(worker: "w1", now: 120, lease: 30, progress: 0.5)).get()
        #expect(j.leaseExpiry == 150)
        j = try j.applying(.heartbeat(worker: "w1", now: 121, lease: 30, progress: 0.4)).get()
        #expect(j.progress == 0.5)
    }

    @Test func aStaleWorkerCanNeitherHeartbeatNorFinish() throws {
        let j = try claimed().applying(.claim(worker: "w2", now: 200, lease: 30)).get()
        #expect(j.applying(.heartbeat(worker: "w1", now: 201, lease: 30, progress: 0.9)) == .failure(.notLeaseHolder(worker: "w1", holder: "w2")))
        #expect(j.applying(.succeed(worker: "w1", now: 201)) == .failure(.notLeaseHolder(worker: "w1", holder: "w2")))
        let done = try j.applying(.succeed(worker: "w2", now: 210)).get()
        #expect(done.status == .done && done.progress == 1 && done.finishedAt == 210 && done.leaseOwner == nil)
        #expect(done.applying(.succeed(worker: "w2", now: 211)) == .failure(.notRendering(.done)))
    }

    @Test func expiryRequeuesUntilTheAttemptLimitThenFails() throws {
        var j = try claimed()
        #expect(j.applying(.expire(now: 129, maxAttempts: 2)) == .failure(.leaseStillValid))
        j = try j.applying(.expire(now: 130, maxAttempts: 2)).get()
        #expect(j.status == .queued && j.leaseOwner == nil)
        j = try j.applying(.claim(worker: "w2", now: 140, lease: 30)).get()
        j = try j.applying(.expire(now: 170, maxAttempts: 2)).get()
        #expect(j.status == .failed)
        #expect(j.error?.contains("interrupted 2 times") == true)
    }

    @Test func releaseAndRecoverPutTheJobBackInTheQueue() throws {
        let released = try claimed().applying(.release(worker: "w1")).get()
        #expect(released.status == .queued && released.attempts == 1)
        let recovered = try claimed().applying(.recover(now: 101, maxAttempts: 3)).get()
        #expect(recovered.status == .queued)
        #expect(JobLifecycle(createdAt: 0).applying(.recover(now: 1, maxAttempts: 3)) == .failure(.notRendering(.queued)))
    }

    @Test func failureKeepsTheMessage() throws {
        let j = try claimed().applying(.fail(worker: "w1", now: 105, message: "No face")).get()
        #expect(j.status == .failed && j.error == "No face" && j.status.isFinal)
    }
}
