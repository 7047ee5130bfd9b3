import RealModule

/// A detected face: its box and the 68 landmarks of the iBUG 300-W scheme (dlib's shape predictor).
///
/// Index ranges: jaw 0–16, right brow 17–21, left brow 22–26, nose bridge 27–30, nostrils 31–35,
/// right eye 36–41, left eye 42–47, outer lips 48–59, inner lips 60–67 ("right"/"left" are the subject's).
public struct FaceLandmarks: Sendable, Hashable, Codable {
    public var box: Rect
    public var points: [Point]

    public init(box: Rect, points: [Point]) {
        precondition(points.count == 68, "FaceLandmarks needs exactly 68 points")
        self.box = box
        self.points = points
    }

    public static let jaw = 0...16
    public static let rightBrow = 17...21
    public static let leftBrow = 22...26
    public static let noseBridge = 27...30
    public static let nostrils = 31...35
    public static let rightEye = 36...41
    public static let leftEye = 42...47
    public static let outerLips = 48...59
    public static let innerLips = 60...67

    public func points(_ range: ClosedRange<Int>) -> [Point] { Array(points[range]) }

    public var rightEyeCenter: Point { Point.centroid(points(Self.rightEye)) }
    public var leftEyeCenter: Point { Point.centroid(points(Self.leftEye)) }
    public var mouthCenter: Point { Point.centroid(points(Self.innerLips)) }

    /// Distance between the eye centres: the face's natural unit of length.
    public var interocularDistance: Double { rightEyeCenter.distance(to: leftEyeCenter) }

    /// Inner-lip gap (mean vertical distance of the three inner-lip pairs) over inter-ocular distance.
    public var mouthOpening: Double {
        let gap = (points[66].distance(to: points[62]) + points[67].distance(to: points[61])
            + points[65].distance(to: points[63])) / 3
        let iod = interocularDistance
        return iod > 0 ? gap / iod : 0
    }

    /// Eye aspect ratio (Soukupová & Čech 2016), averaged over both eyes; ≈0.3 open, < 0.15 closed.
    public var eyeAspectRatio: Double {
        func ear(_ r: ClosedRange<Int>) -> Double {
            let p = points(r)
            let h = p[0].distance(to: p[3])
            guard h > 0 else { return 0 }
            return (p[1].distance(to: p[5]) + p[2].distance(to: p[4])) / (2 * h)
        }
        return (ear(Self.rightEye) + ear(Self.leftEye)) / 2
    }

    /// Rough head pose in degrees from landmark symmetry: yaw (+ = subject turns to their left),
    /// pitch (+ = looking down), roll (+ = clockwise in the image).
    public var roughPose: (yaw: Double, pitch: Double, roll: Double) {
        let re = rightEyeCenter, le = leftEyeCenter
        let roll = atan2Degrees(le.y - re.y, le.x - re.x)
        // Yaw: where the nose tip sits between the jaw edges (0.5 = frontal).
        let left = points[0], right = points[16], nose = points[30]
        let span = right.x - left.x
        let t = span != 0 ? (nose.x - left.x) / span : 0.5
        let yaw = max(-90, min(90, (t - 0.5) * 2 * 60))
        // Pitch: nose tip between the eye line and the chin, relative to a frontal ratio of ~0.33
        // (measured on frontal portraits: astronaut 0.32, grace_hopper 0.34).
        let eyeMid = Point.lerp(re, le, 0.5)
        let chin = points[8]
        let faceH = chin.y - eyeMid.y
        let r = faceH != 0 ? (nose.y - eyeMid.y) / faceH : 0.33
        let pitch = max(-90, min(90, (r - 0.33) * 150))
        return (yaw, pitch, roll)
    }

    /// These landmarks moved by `offset` and scaled by `scale` about the origin.
    public func transformed(scale: Double, offset: Point = .zero) -> FaceLandmarks {
        FaceLandmarks(
            box: Rect(x: box.x * scale + offset.x, y: box.y * scale + offset.y,
                      width: box.width * scale, height: box.height * scale),
            points: points.map { $0 * scale + offset })
    }
}

@inline(__always)
func atan2Degrees(_ y: Double, _ x: Double) -> Double {
    Double.atan2(y: y, x: x) * 180 / .pi
}
