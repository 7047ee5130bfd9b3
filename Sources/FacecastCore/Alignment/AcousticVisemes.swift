/// Visemes from the sound alone, for recordings without a transcript, in any language.
///
/// Every 10 ms frame is classed against simple acoustic prototypes, relative to the recording's own levels so the
/// speaker, the microphone gain and the language do not matter:
/// - silence: below both the noise floor + 6 dB and the speech level − 35 dB;
/// - closure (PP): a short gap of silence or a deep dip (≥ 18 dB under both sides) inside speech, 30–250 ms long —
///   the hold of a stop (p b t d k g), shown as closed lips;
/// - fricatives: noisy frames (many zero crossings, energy mostly above 2.5 kHz): SS when the centroid is above
///   4.5 kHz, CH between 2.8 and 4.5 kHz, FF below (flat, weak friction);
/// - nasal murmur (nn): voiced, almost all energy below 900 Hz, 8–25 dB under the speech level;
/// - vowels by their formants, normalised per recording (Lobanov z-scores of F1 and F2 over voiced frames):
///   open (aa) for high F1, I for low F1 and high F2, U for low F1 and low F2, O for low F2, E otherwise.
/// Frame classes are smoothed (majority over 50 ms) and runs shorter than 30 ms merged into a neighbour.
public enum AcousticVisemes {
    public static func timeline(for clip: AudioClip) -> SpeechTimeline {
        let hop = 0.010
        let frames = AcousticFrame.analyse(clip, hop: hop)
        let classes = classify(frames)
        return segments(classes, frames: frames, hop: hop, duration: clip.duration)
    }

    /// One viseme per frame.
    public static func classify(_ frames: [AcousticFrame]) -> [Viseme] {
        guard !frames.isEmpty else { return [] }
        let energies = frames.map(\.energy).sorted()
        let floor = energies[energies.count / 10]
        let level = energies[min(energies.count - 1, energies.count * 95 / 100)]
        let silent = max(floor + 6, level - 35)
        guard level > floor + 10 else { return frames.map { _ in .silence } }
        // Speaker normalisation of the formants over clearly voiced frames.
        let voiced = frames.filter { $0.energy > level - 15 && $0.zeroCrossings < 3000 && $0.f1 != nil && $0.f2 != nil }
        func stats(_ v: [Double]) -> (Double, Double) {
            guard v.count > 1 else { return (v.first ?? 0, 1) }
            let m = v.reduce(0, +) / Double(v.count)
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
            return (m, max(sd, 1))
        }
        let (m1, s1) = stats(voiced.compactMap(\.f1)), (m2, s2) = stats(voiced.compactMap(\.f2))
        var out: [Viseme] = frames.map { f in
            if f.energy < silent { return .silence }
            let noisy = f.zeroCrossings > 3000 && f.highShare > 0.45
            if noisy {
                if f.centroid > 4500 { return .SS }
                if f.centroid > 2800 { return .CH }
                return .FF
            }
            if f.lowShare > 0.9 && f.energy < level - 8 && f.energy > level - 25 && (f.f1 ?? 0) < 450 { return .nn }
            guard let f1 = f.f1, let f2 = f.f2 else { return f.energy > level - 20 ? .E : .nn }
            let z1 = (f1 - m1) / s1, z2 = (f2 - m2) / s2
            if z1 > 0.7 { return .aa }
            if z1 < -0.4 && z2 > 0.5 { return .I }
            if z2 < -0.8 && z1 < 0 { return .U }
            if z2 < -0.4 { return .O }
            return .E
        }
        out = majority(out, radius: 2)
        markClosures(&out, frames: frames)
        return out
    }

    /// Short silences and deep dips inside speech become closures (PP).
    static func markClosures(_ v: inout [Viseme], frames: [AcousticFrame]) {
        let n = v.count
        var i = 0
        while i < n {
            guard v[i] == .silence else { i += 1; continue }
            var j = i
            while j < n && v[j] == .silence { j += 1 }
            let length = j - i
            if i > 0 && j < n && length >= 3 && length <= 25 { for k in i..<j { v[k] = .PP } }
            i = j
        }
        // Dips: a local minimum at least 18 dB under the maxima within 80 ms on both sides.
        let e = frames.map(\.energy)
        for k in 0..<n where v[k] != .silence && v[k] != .PP && v[k] != .SS && v[k] != .CH && v[k] != .FF {
            let left = e[max(0, k - 8)..<k].max() ?? e[k], right = e[(k + 1)..<min(n, k + 9)].max() ?? e[k]
            if e[k] < left - 18 && e[k] < right - 18 && e[k] == e[max(0, k - 2)..<min(n, k + 3)].min() {
                for q in max(0, k - 1)...min(n - 1, k + 1) where v[q] != .silence { v[q] = .PP }
            }
        }
    }

    static func majority(_ v: [Viseme], radius: Int) -> [Viseme] {
        guard v.count > 2 * radius else { return v }
        var out = v
        for i in 0..<v.count {
            var counts: [Viseme: Int] = [:]
            for k in max(0, i - radius)...min(v.count - 1, i + radius) { counts[v[k], default: 0] += 1 }
            let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != v[i]) }!
            out[i] = best.value > (2 * radius + 1) / 2 ? best.key : v[i]
        }
        return out
    }

    static let representative: [Viseme: String] = [
        .silence: "", .PP: "p", .FF: "f", .TH: "θ", .DD: "t", .kk: "k", .CH: "ʃ", .SS: "s", .nn: "n", .RR: "ɹ",
        .aa: "a", .E: "e", .I: "i", .O: "o", .U: "u",
    ]

    /// Runs of equal classes as phone segments (a representative IPA phone each); runs under 30 ms join a neighbour.
    static func segments(_ classes: [Viseme], frames: [AcousticFrame], hop: Double, duration: Double) -> SpeechTimeline {
        var runs: [(start: Int, end: Int, viseme: Viseme)] = []
        for (i, c) in classes.enumerated() {
            if let last = runs.last, last.viseme == c { runs[runs.count - 1].end = i + 1 } else { runs.append((i, i + 1, c)) }
        }
        var merged: [(start: Int, end: Int, viseme: Viseme)] = []
        for r in runs {
            if r.end - r.start < 3 && r.viseme != .PP, let last = merged.last {
                merged[merged.count - 1].end = r.end
                _ = last
            } else if let last = merged.last, last.viseme == r.viseme {
                merged[merged.count - 1].end = r.end
            } else {
                merged.append(r)
            }
        }
        let level = frames.map(\.energy).sorted().last ?? 0
        var phones: [PhoneSegment] = []
        for r in merged {
            let start = min(duration, Double(r.start) * hop), end = min(duration, Double(r.end) * hop)
            guard end > start else { continue }
            let loud = frames[r.start..<r.end].map(\.energy).max() ?? -100
            let stressed = VisemeMapping.isVowel(r.viseme) && loud > level - 4 && end - start >= 0.08
            phones.append(PhoneSegment(start: start, end: end, phone: representative[r.viseme] ?? "", viseme: r.viseme, stressed: stressed))
        }
        if let last = phones.last, last.end < duration { phones[phones.count - 1].end = duration }
        if phones.isEmpty && duration > 0 { phones = [PhoneSegment(start: 0, end: duration, phone: "", viseme: .silence)] }
        return SpeechTimeline(duration: duration, phones: phones, words: [])
    }
}
