import Foundation

/// Writes 16-bit PCM mono WAV to a file piece by piece (long speech never sits whole in memory); the header's
/// sizes are filled in by `finish()`.
public final class WAVWriter {
    public let url: URL
    public let sampleRate: Int
    private let handle: FileHandle
    private var sampleCount = 0
    private var finished = false

    public init(url: URL, sampleRate: Int) throws {
        self.url = url
        self.sampleRate = sampleRate
        guard FileManager.default.createFile(atPath: url.path, contents: Data(WAVFile.encode(samples: [], sampleRate: sampleRate))) else {
            throw MediaError.badOutput("Cannot create the temporary audio file \(url.path).")
        }
        handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
    }

    deinit { try? handle.close() }

    public var duration: Double { Double(sampleCount) / Double(sampleRate) }

    public func append(_ samples: [Float]) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(samples.count * 2)
        for s in samples {
            let u = UInt16(bitPattern: Int16(max(-32768, min(32767, (s * 32767).rounded()))))
            bytes.append(UInt8(u & 0xFF))
            bytes.append(UInt8(u >> 8))
        }
        do { try handle.write(contentsOf: bytes) } catch {
            throw MediaError.badOutput("Cannot write the temporary audio file \(url.path): \(error.localizedDescription)")
        }
        sampleCount += samples.count
    }

    /// Writes the final sizes into the header and closes the file.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        let dataBytes = sampleCount * 2
        func le32(_ v: Int) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)]) }
        do {
            try handle.seek(toOffset: 4)
            try handle.write(contentsOf: le32(36 + dataBytes))
            try handle.seek(toOffset: 40)
            try handle.write(contentsOf: le32(dataBytes))
            try handle.close()
        } catch {
            throw MediaError.badOutput("Cannot finish the temporary audio file \(url.path): \(error.localizedDescription)")
        }
    }
}
