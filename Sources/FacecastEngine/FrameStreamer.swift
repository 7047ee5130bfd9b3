import FacecastCore
import Foundation
import MediaFFmpeg

/// Renders frames in parallel, in bounded chunks, and hands them to the encoder in order.
enum FrameStreamer {
    static func stream(
        frameCount: Int, fps: Double, renderer: FaceRenderer, performance: Performance, label: DisclosureLabel?,
        frameWidth: Int, encoder: VideoEncoder, progress: @escaping @Sendable (Double) -> Void
    ) async throws {
        let chunk = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var next = 0
        while next < frameCount {
            try Task.checkCancellation()
            let range = next..<min(frameCount, next + chunk)
            let frames = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
                for i in range {
                    group.addTask {
                        var pixels = renderer.render(performance.params(at: Double(i) / fps)).pixels
                        label?.draw(into: &pixels, frameWidth: frameWidth)
                        return (i, pixels)
                    }
                }
                var ordered = [[UInt8]](repeating: [], count: range.count)
                for try await (i, pixels) in group { ordered[i - range.lowerBound] = pixels }
                return ordered
            }
            for frame in frames { try encoder.write(frame) }
            next = range.upperBound
            progress(Double(next) / Double(frameCount))
        }
    }
}
