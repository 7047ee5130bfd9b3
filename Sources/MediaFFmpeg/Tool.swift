import Foundation

/// Locates and runs the command-line media tools (ffmpeg, ffprobe).
enum Tool {
    static func path(_ name: String) throws -> String {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in dirs {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw MediaError.toolMissing(name)
    }

    /// Runs a tool to completion and returns its standard output; throws with its stderr on failure.
    static func run(_ name: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(name))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read stderr concurrently so a chatty tool cannot fill its pipe and deadlock.
        let errData = HandOff()
        let errThread = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errThread.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = errData.wait()
        guard process.terminationStatus == 0 else {
            throw MediaError.toolFailed(tool: name, status: process.terminationStatus,
                                        log: String(decoding: log, as: UTF8.self))
        }
        return data
    }
}

/// Hands one Data value from a reader thread to the thread waiting for it.
final class HandOff: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    func set(_ d: Data) {
        condition.lock()
        data = d
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
