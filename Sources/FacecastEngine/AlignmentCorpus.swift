import FacecastCore
import Foundation

/// Recordings with human phone/word labels and their transcripts (scripts/alignment-corpus.tsv): the data the
/// alignment accuracy is measured on. Audio and label files are looked up in `directory` (the bootstrap's fetch).
public struct AlignmentCorpus: Sendable {
    public struct Entry: Sendable {
        public var audio: String
        public var phoneLabels: String
        public var wordLabels: String?
        /// "male" or "female": which espeak-ng variant is tried first (both are tried).
        public var speaker: String
        public var transcript: String
    }

    public var entries: [Entry]

    public init(tsv path: String, directory: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FacecastError(.input, "Cannot read the alignment corpus \(path).")
        }
        var entries: [Entry] = []
        for (n, line) in text.split(separator: "\n").enumerated() where n > 0 && !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 5 else { throw FacecastError(.input, "\(path), line \(n + 1): expected 5 tab-separated columns.") }
            func resolve(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
            entries.append(Entry(audio: resolve(cols[0]), phoneLabels: resolve(cols[1]),
                                 wordLabels: cols[2] == "-" ? nil : resolve(cols[2]), speaker: cols[3], transcript: cols[4]))
        }
        self.entries = entries
    }
}

extension Engine {
    /// Every recording of the corpus aligned and scored, plus all their boundaries pooled.
    public func alignmentAccuracy(corpus: AlignmentCorpus, language: String = "en-us",
                                  options: TimelineTransfer.Options = .init()) throws -> (files: [AlignmentAccuracy], overall: AlignmentScore) {
        var files: [AlignmentAccuracy] = []
        for e in corpus.entries {
            var aligner = TranscriptAligner(language: language)
            aligner.options = options
            files.append(try alignmentAccuracy(audioPath: e.audio, transcript: e.transcript, phoneLabels: e.phoneLabels,
                                               wordLabels: e.wordLabels, aligner: aligner))
        }
        return (files, AlignmentScore.pooled(files.map(\.score)))
    }
}
