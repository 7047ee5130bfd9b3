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

        public init(time: Double, mouthOpening: Double?, eyeAspectRatio: Double?, yaw: Double?,
                    identityDistance: Double? = nil) {
            self.time = time
            self.mouthOpening = mouthOpening
            self.eyeAspectRatio = eyeAspectRatio
            self.yaw = yaw
            self.identityDistance = identityDistance
        }

        /// Every key in every entry, null when not measured (a table reader sees the same columns throughout).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time)
            try c.encode(mouthOpening, forKey: .mouthOpening)
            try c.encode(eyeAspectRatio, forKey: .eyeAspectRatio)
            try c.encode(yaw, forKey: .yaw)
            try c.encode(identityDistance, forKey: .identityDistance)
        }
    }
}
