/// How far the lips closed for one p/b/m.
public struct BilabialClosure: Sendable, Codable, Hashable {
    /// The phone (IPA) from the timeline.
    public var phone: String
    /// Centre of the phone, seconds.
    public var time: Double
    /// Minimum inner-lip gap / IOD near the centre; nil when no face was found in those frames.
    public var minimumOpening: Double?
    /// `minimumOpening < closedThreshold`.
    public var closed: Bool

    public init(phone: String, time: Double, minimumOpening: Double?, closed: Bool) {
        self.phone = phone
        self.time = time
        self.minimumOpening = minimumOpening
        self.closed = closed
    }
}

/// Checks that every bilabial (viseme .PP) actually closes the lips in the video.
public enum BilabialAnalysis {
    public static let defaultClosedThreshold = 0.06   // inner-lip gap / IOD

    /// For each phone with viseme .PP: min mouth opening among frames whose time i/fps lies within ±window of the
    /// phone's centre (if no frame lies in the window, use the nearest frame); nil (and not closed) if no face in
    /// those frames. Closed = minimum < closedThreshold. Output is in timeline order, one entry per .PP phone.
    public static func measure(phones: [PhoneSegment], mouth: [Double?], fps: Double, window: Double = 0.04,
                               closedThreshold: Double = defaultClosedThreshold) -> [BilabialClosure] {
        phones.filter { $0.viseme == .PP }.map { seg in
            let c = seg.center
            var minimum: Double? = nil
            if fps > 0, fps.isFinite, !mouth.isEmpty {
                let eps = 1e-9
                let lo = max(0, Int(((c - window) * fps - eps).rounded(.up)))
                let hi = min(mouth.count - 1, Int(((c + window) * fps + eps).rounded(.down)))
                var frames: [Int] = lo <= hi ? Array(lo...hi) : []
                if frames.isEmpty {
                    frames = [min(mouth.count - 1, max(0, Int((c * fps).rounded())))]
                }
                for i in frames {
                    if let m = mouth[i], m.isFinite { minimum = Swift.min(minimum ?? m, m) }
                }
            }
            let closed = minimum.map { $0 < closedThreshold } ?? false
            return BilabialClosure(phone: seg.phone, time: c, minimumOpening: minimum, closed: closed)
        }
    }
}
