import FacecastCore
import Foundation
import MediaFFmpeg

/// What `facecast align` reports for one recording.
public struct AlignmentAccuracy: Sendable, Codable {
    public var audio: String
    public var voice: String
    public var rate: Int
    public var confidence: Double
    public var phoneMedianMs: Double
    public var phoneP90Ms: Double
    public var phoneBoundariesScored: Int
    public var phoneBoundariesTotal: Int
    public var wordMedianMs: Double?
    public var wordBoundaries: Int
    public var score: AlignmentScore
    public var timeline: SpeechTimeline
}

extension Engine {
    /// Loads a recording for analysis: mono float samples at `sampleRate` (ffmpeg decodes and mixes down).
    public func loadAudio(path: String, sampleRate: Int = 16_000) throws -> AudioClip {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FacecastError(.input, "The audio file \(path) does not exist.")
        }
        do {
            return AudioClip(samples: try AudioDecoder.decodeMono(path: path, sampleRate: sampleRate), sampleRate: sampleRate)
        } catch { throw FacecastError.wrap(error) }
    }

    /// Phone and word labels from a Praat TextGrid or an HTS full-context .lab file.
    public func loadLabels(path: String) throws -> LabelSet {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FacecastError(.input, "Cannot read the label file \(path): \(error.localizedDescription)")
        }
        do {
            return path.lowercased().hasSuffix(".textgrid") ? try TextGridParser.labels(text) : try HTSLabelParser.labels(text)
        } catch let LabelParseError.malformed(line, expected) {
            throw FacecastError(.input, "\(path), line \(line): expected \(expected).")
        } catch {
            throw FacecastError(.input, "\(path): \(error)")
        }
    }

    /// Aligns `transcript` to the recording at `audioPath` and compares the boundaries with human labels.
    public func alignmentAccuracy(audioPath: String, transcript: String, phoneLabels: String, wordLabels: String?,
                                  aligner: TranscriptAligner) throws -> AlignmentAccuracy {
        let clip = try loadAudio(path: audioPath)
        var labels = try loadLabels(path: phoneLabels)
        if let wordLabels { labels.words = try loadLabels(path: wordLabels).words }
        let result: TranscriptAligner.Result
        do { result = try aligner.align(transcript, to: clip) } catch { throw FacecastError.wrap(error) }
        let score = AlignmentScore(aligned: result.alignment.timeline, labels: labels)
        return AlignmentAccuracy(
            audio: audioPath, voice: result.voice, rate: result.rate, confidence: result.alignment.confidence,
            phoneMedianMs: score.phoneMedian * 1000, phoneP90Ms: score.phoneP90 * 1000,
            phoneBoundariesScored: score.phoneBoundariesScored, phoneBoundariesTotal: score.phoneBoundariesTotal,
            wordMedianMs: score.wordErrors.isEmpty ? nil : score.wordMedian * 1000, wordBoundaries: score.wordErrors.count, score: score,
            timeline: result.alignment.timeline)
    }
}
