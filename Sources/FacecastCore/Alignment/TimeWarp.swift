/// A monotone, piecewise-linear map from one clip's time to another's.
public struct TimeWarp: Sendable {
    public private(set) var from: [Double]
    public private(set) var to: [Double]

    /// Points are sorted by `from`; any decrease in `to` is flattened so the map never runs backwards.
    public init(points: [(Double, Double)]) {
        let sorted = points.sorted { $0.0 < $1.0 }
        var f: [Double] = [], t: [Double] = []
        for (x, y) in sorted {
            let y2 = max(y, t.last ?? y)
            if let lx = f.last, x <= lx { t[t.count - 1] = max(t[t.count - 1], y2); continue }
            f.append(x)
            t.append(y2)
        }
        from = f
        to = t
    }

    public func callAsFunction(_ x: Double) -> Double {
        guard let first = from.first, let last = from.last else { return x }
        if x <= first { return to[0] + (x - first) }
        if x >= last { return to[to.count - 1] + (x - last) }
        var lo = 0, hi = from.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if from[mid] <= x { lo = mid } else { hi = mid }
        }
        let span = from[hi] - from[lo]
        let f = span > 0 ? (x - from[lo]) / span : 0
        return to[lo] + (to[hi] - to[lo]) * f
    }

    /// The timeline with every boundary moved through the map (phones stay contiguous), clamped to `duration`.
    /// `pauses` (seconds) are silences of the target: phones mapped across them are cut back to their edges and the
    /// pause becomes a silence; a word across a pause keeps its larger side.
    public func apply(to timeline: SpeechTimeline, duration: Double, pauses: [(Double, Double)] = []) -> SpeechTimeline {
        func m(_ t: Double) -> Double { min(max(self(t), 0), duration) }
        var phones = timeline.phones.map { p -> PhoneSegment in
            var q = p
            q.start = m(p.start)
            q.end = m(p.end)
            return q
        }
        // The clip's ends: a silence before the first phone and after the last one, if they do not reach them.
        phones.removeAll { $0.end <= $0.start }
        if let first = phones.first, first.start > 0 {
            if first.phone.isEmpty { phones[0].start = 0 } else { phones.insert(PhoneSegment(start: 0, end: first.start, phone: "", viseme: .silence), at: 0) }
        }
        if let last = phones.last, last.end < duration {
            if last.phone.isEmpty { phones[phones.count - 1].end = duration } else { phones.append(PhoneSegment(start: last.end, end: duration, phone: "", viseme: .silence)) }
        }
        var words = timeline.words.map { WordSegment(start: m($0.start), end: m($0.end), text: $0.text) }
        for (s, e) in pauses where e > s {
            let covered = phones.filter { $0.phone.isEmpty }.reduce(0.0) { $0 + max(0, min($1.end, e) - max($1.start, s)) }
            guard covered < 0.5 * (e - s) else { continue }
            var next: [PhoneSegment] = []
            var inserted = false
            for p in phones {
                if p.end <= s || p.start >= e { 
                    if p.start >= e && !inserted { next.append(PhoneSegment(start: s, end: e, phone: "", viseme: .silence)); inserted = true }
                    next.append(p)
                    continue
                }
                if p.start < s { var q = p; q.end = s; next.append(q) }
                if !inserted { next.append(PhoneSegment(start: s, end: e, phone: "", viseme: .silence)); inserted = true }
                if p.end > e { var q = p; q.start = e; next.append(q) }
            }
            if !inserted { next.append(PhoneSegment(start: s, end: e, phone: "", viseme: .silence)) }
            phones = next
            for k in words.indices where words[k].start < e && words[k].end > s {
                if s - words[k].start >= words[k].end - e { words[k].end = max(words[k].start, s) } else { words[k].start = min(words[k].end, e) }
            }
        }
        // Adjacent silences become one.
        var merged: [PhoneSegment] = []
        for p in phones {
            if let l = merged.last, l.phone.isEmpty, p.phone.isEmpty, l.viseme == .silence, p.viseme == .silence { merged[merged.count - 1].end = p.end } else { merged.append(p) }
        }
        phones = merged
        return SpeechTimeline(duration: duration, phones: phones, words: words)
    }
}
