extension QualityReport {
    /// What qa measured on one video frame, for analysis outside Facecast; nil (JSON null) where no face was measured.
    public struct FrameSample: Sendable, Codable, Hashable {
        /// Seconds (frame index / fps).
        public var time: Double
        /// Inner-lip gap / inter-ocular distance (`FaceLandmarks.mouthOpening`).
        public var mouthOpening: Double?
        /// Mean of both eyes (`FaceLandmarks.eyeAspectRatio`).
        public var eyeAspectRatio: Double?
        /// Degrees, + = the subject turns to their left (`FaceLandmarks.roughPose`).
        public var yaw: Double?
        /// Identity distance to the source face, on the frames sampled for identity (nil elsewhere).
        public var identityDistance: Double?
        /// The picture's motion at the stable landmarks since the previous frame, px at 512 px
        /// (`JitterAnalysis.trackedMotion`); nil on the first frame and where it could not be tracked.
        public var motion: Double?
        /// Whether the jitter metric counts this frame (well inside silence, not in a blink).
        public var still: Bool

        public init(time: Double, mouthOpening: Double?, eyeAspectRatio: Double?, yaw: Double?,
                    identityDistance: Double? = nil, motion: Double? = nil, still: Bool = false) {
            self.time = time
            self.mouthOpening = mouthOpening
            self.eyeAspectRatio = eyeAspectRatio
            self.yaw = yaw
            self.identityDistance = identityDistance
            self.motion = motion
            self.still = still
        }

        enum CodingKeys: String, CodingKey { case time, mouthOpening, eyeAspectRatio, yaw, identityDistance, motion, still }

        /// Reads reports written before `motion` and `still` existed too.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            time = try c.decode(Double.self, forKey: .time)
            mouthOpening = try c.decodeIfPresent(Double.self, forKey: .mouthOpening)
            eyeAspectRatio = try c.decodeIfPresent(Double.self, forKey: .eyeAspectRatio)
            yaw = try c.decodeIfPresent(Double.self, forKey: .yaw)
            identityDistance = try c.decodeIfPresent(Double.self, forKey: .identityDistance)
            motion = try c.decodeIfPresent(Double.self, forKey: .motion)
            still = try c.decodeIfPresent(Bool.self, forKey: .still) ?? false
        }

        /// Every key in every entry, null when not measured (a table reader sees the same columns throughout).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time)
            try c.encode(mouthOpening, forKey: .mouthOpening)
            try c.encode(eyeAspectRatio, forKey: .eyeAspectRatio)
            try c.encode(yaw, forKey: .yaw)
            try c.encode(identityDistance, forKey: .identityDistance)
            try c.encode(motion, forKey: .motion)
            try c.encode(still, forKey: .still)
        }
    }
}
