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
    public func apply(to timeline: SpeechTimeline, duration: Double) -> SpeechTimeline {
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
        let words = timeline.words.map { WordSegment(start: m($0.start), end: m($0.end), text: $0.text) }
        return SpeechTimeline(duration: duration, phones: phones, words: words)
    }
}
