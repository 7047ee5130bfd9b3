/// How far an automatic alignment's boundaries are from a human annotation.
///
/// Phone sequences are first matched (edit distance over ARPAbet classes: same phone 0, same broad class 0.4,
/// other 1, skipping a phone 0.6), because the aligner's phones (espeak-ng's pronunciation) need not be the
/// annotator's. A boundary is scored when the phones on both sides of it are matched to two consecutive phones of
/// the alignment; its error is the distance between the two boundary times. Words are matched in order (by text
/// when both sides have it) and both their start and end are scored.
public struct AlignmentScore: Sendable, Codable {
    public var phoneErrors: [Double]
    /// Label boundaries that could be scored / all label boundaries between phones (including speech onset and end).
    public var phoneBoundariesScored: Int
    public var phoneBoundariesTotal: Int
    public var wordErrors: [Double]
    /// Mean of (aligned − labelled) boundary times: a constant bias shows here.
    public var phoneBias: Double = 0

    public var phoneMedian: Double { Self.percentile(phoneErrors, 0.5) }
    public var phoneP90: Double { Self.percentile(phoneErrors, 0.9) }
    public var wordMedian: Double { Self.percentile(wordErrors, 0.5) }

    public init(phoneErrors: [Double], phoneBoundariesScored: Int, phoneBoundariesTotal: Int, wordErrors: [Double], phoneBias: Double = 0) {
        self.phoneBias = phoneBias
        self.phoneErrors = phoneErrors
        self.phoneBoundariesScored = phoneBoundariesScored
        self.phoneBoundariesTotal = phoneBoundariesTotal
        self.wordErrors = wordErrors
    }

    /// Nearest-rank percentile (q in 0…1); NaN for no values.
    public static func percentile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        let rank = Int((q * Double(s.count)).rounded(.up))
        return s[min(s.count - 1, max(0, rank - 1))]
    }

    /// Pools several files' errors.
    public static func pooled(_ scores: [AlignmentScore]) -> AlignmentScore {
        AlignmentScore(phoneErrors: scores.flatMap(\.phoneErrors), phoneBoundariesScored: scores.reduce(0) { $0 + $1.phoneBoundariesScored },
                       phoneBoundariesTotal: scores.reduce(0) { $0 + $1.phoneBoundariesTotal }, wordErrors: scores.flatMap(\.wordErrors),
                       phoneBias: scores.reduce(0) { $0 + $1.phoneBias * Double($1.phoneErrors.count) } / Double(max(1, scores.reduce(0) { $0 + $1.phoneErrors.count })))
    }

    public init(aligned: SpeechTimeline, labels: LabelSet) {
        // Merge runs of silence on both sides so "sil sil" never creates a boundary.
        let ref = Self.mergedSilences(labels.phones.map { ($0.start, $0.end, PhoneClass.arpabet($0.label) ?? "?") })
        let hyp = Self.mergedSilences(aligned.phones.map { ($0.start, $0.end, PhoneClass.arpabet($0.phone) ?? "?") })
        let pairs = Self.match(ref.map(\.2), hyp.map(\.2))
        var errors: [Double] = [], signed: [Double] = []
        for k in 1..<max(1, ref.count) {
            guard let h1 = pairs[k - 1], let h2 = pairs[k], h2 == h1 + 1 else { continue }
            errors.append(abs(hyp[h2].0 - ref[k].0))
            signed.append(hyp[h2].0 - ref[k].0)
        }
        phoneBias = signed.isEmpty ? 0 : signed.reduce(0, +) / Double(signed.count)
        phoneErrors = errors
        phoneBoundariesScored = errors.count
        phoneBoundariesTotal = max(0, ref.count - 1)
        wordErrors = Self.wordErrors(aligned.words, labels.words)
    }

    static func mergedSilences(_ items: [(Double, Double, String)]) -> [(Double, Double, String)] {
        var out: [(Double, Double, String)] = []
        for it in items where it.1 > it.0 {
            if let last = out.last, last.2 == "sil", it.2 == "sil" { out[out.count - 1].1 = it.1 } else { out.append(it) }
        }
        return out
    }

    /// For each reference phone, the hypothesis phone it is matched to (nil when skipped).
    static func match(_ a: [String], _ b: [String]) -> [Int?] {
        let n = a.count, m = b.count
        let gap = 0.6
        func sub(_ x: String, _ y: String) -> Double {
            x == y ? 0 : PhoneClass.broad(x) == PhoneClass.broad(y) ? 0.4 : 1
        }
        var D = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { D[i][0] = Double(i) * gap }
        for j in 0...m { D[0][j] = Double(j) * gap }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    D[i][j] = min(D[i - 1][j - 1] + sub(a[i - 1], b[j - 1]), D[i - 1][j] + gap, D[i][j - 1] + gap)
                }
            }
        }
        var result = [Int?](repeating: nil, count: n)
        var i = n, j = m
        while i > 0 && j > 0 {
            if D[i][j] == D[i - 1][j - 1] + sub(a[i - 1], b[j - 1]) && sub(a[i - 1], b[j - 1]) < 1 {
                result[i - 1] = j - 1; i -= 1; j -= 1
            } else if D[i][j] == D[i - 1][j] + gap {
                i -= 1
            } else if D[i][j] == D[i][j - 1] + gap {
                j -= 1
            } else {
                i -= 1; j -= 1  // a substitution across broad classes: not a match
            }
        }
        return result
    }

    static func normalisedWord(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    static func wordErrors(_ hyp: [WordSegment], _ ref: [LabeledInterval]) -> [Double] {
        let refWords = ref.filter { !$0.label.trimmingCharacters(in: " ").isEmpty || $0.end > $0.start }
            .filter { !normalisedWord($0.label).isEmpty || $0.label.isEmpty }
        let hypWords = hyp.filter { !normalisedWord($0.text).isEmpty }
        var errors: [Double] = []
        if refWords.allSatisfy({ $0.label.isEmpty }) {
            guard refWords.count == hypWords.count else { return [] }
            for (r, h) in zip(refWords, hypWords) { errors += [abs(r.start - h.start), abs(r.end - h.end)] }
            return errors
        }
        var j = 0
        for r in refWords {
            let key = normalisedWord(r.label)
            guard let k = hypWords[j...].firstIndex(where: { normalisedWord($0.text) == key }) else { continue }
            errors += [abs(r.start - hypWords[k].start), abs(r.end - hypWords[k].end)]
            j = k + 1
            if j >= hypWords.count { break }
        }
        return errors
    }
}
