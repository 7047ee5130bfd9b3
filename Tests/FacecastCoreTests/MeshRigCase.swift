import Testing
@testable import FacecastCore

/// The rigs the mesh properties are checked on: the two fixture faces and variants made by transforming
/// their landmarks (size, in-plane rotation, a turned head, a crop hanging off the canvas).
enum MeshRigCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case closed  // the fixture face, mouth closed
    case openSource  // the fixture with a 14 px open mouth in the photo
    case tiny  // detector box 48 px wide, the smallest the CLI accepts (FaceSelection.minimumFaceWidth); 21 px between the eyes
    case small  // a face 120 px wide (what the CLI asks for), about 54 px between the eyes
    case large  // 2.2x the fixture on a 1024 canvas (343 px wide), open mouth
    case rotatedCW  // rolled 20° clockwise in the photo
    case rotatedCCW  // rolled 20° counter-clockwise, open mouth
    case yawed  // landmarks projected as if the head were turned 25°
    case corner  // near the top-left canvas corner: the crop extends past two canvas edges

    var testDescription: String { rawValue }

    var rig: Rig {
        switch self {
        case .closed: RigFixture.closedRig
        case .openSource: RigFixture.openRig
        case .tiny: Self.tinyRig
        case .small: Self.smallRig
        case .large: Self.largeRig
        case .rotatedCW: Self.rotatedCWRig
        case .rotatedCCW: Self.rotatedCCWRig
        case .yawed: Self.yawedRig
        case .corner: Self.cornerRig
        }
    }

    /// The fixture face's centre (between the brows and the chin).
    static let faceCenter = Point(RigFixture.cx, 280)

    static let tinyRig = Rig(canvasWidth: 256, canvasHeight: 256,
                             landmarks: map(RigFixture.landmarks()) { Point(128, 128) + ($0 - faceCenter) * 0.3 })
    static let smallRig = Rig(canvasWidth: 512, canvasHeight: 512,
                              landmarks: map(RigFixture.landmarks()) { faceCenter + ($0 - faceCenter) * (120.0 / 156) })
    static let largeRig = Rig(canvasWidth: 1024, canvasHeight: 1024,
                              landmarks: map(RigFixture.landmarks(gap: 14)) { Point(512, 540) + ($0 - faceCenter) * 2.2 })
    static let rotatedCWRig = Rig(canvasWidth: 512, canvasHeight: 512,
                                  landmarks: map(RigFixture.landmarks()) { rotate($0, degrees: 20) })
    static let rotatedCCWRig = Rig(canvasWidth: 512, canvasHeight: 512,
                                   landmarks: map(RigFixture.landmarks(gap: 14)) { rotate($0, degrees: -20) })
    static let yawedRig = Rig(canvasWidth: 512, canvasHeight: 512, landmarks: yawed(RigFixture.landmarks(), degrees: 25))
    static let cornerRig = Rig(canvasWidth: 400, canvasHeight: 300,
                               landmarks: RigFixture.landmarks(gap: 14).transformed(scale: 1, offset: Point(-180, -170)))

    /// Landmarks and detector box mapped point by point (the box becomes the bounding box of its mapped corners).
    static func map(_ lm: FaceLandmarks, _ f: (Point) -> Point) -> FaceLandmarks {
        let b = lm.box
        let corners = [Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.minX, b.maxY), Point(b.maxX, b.maxY)]
        return FaceLandmarks(box: Rect.bounding(corners.map(f)), points: lm.points.map(f))
    }

    /// Clockwise (in the image, y down) rotation about the face centre.
    static func rotate(_ p: Point, degrees: Double) -> Point {
        let a = degrees * Double.pi / 180
        let (c, s) = (RigFixture.cosine(a), RigFixture.sine(a))
        let q = p - faceCenter
        return faceCenter + Point(c * q.x - s * q.y, s * q.x + c * q.y)
    }

    /// The frontal fixture turned about a vertical axis: each landmark gets a depth from an ellipsoidal head with
    /// a nose bump and is projected orthographically. The far side squashes, the nose moves towards it.
    static func yawed(_ lm: FaceLandmarks, degrees: Double) -> FaceLandmarks {
        let a = degrees * Double.pi / 180
        let (c, s) = (RigFixture.cosine(a), RigFixture.sine(a))
        let tip = lm.points[30]
        func depth(_ p: Point) -> Double {
            let u = (p.x - faceCenter.x) / 95, v = (p.y - 265) / 150
            let e = max(0, 1 - u * u - v * v)
            let d2 = (p - tip).dot(p - tip)
            return 60 * e * e.squareRoot() + 21 * (1 / (1 + d2 / 400))
        }
        let points = lm.points.map { p in Point(faceCenter.x + (p.x - faceCenter.x) * c + depth(p) * s, p.y) }
        let span = points.map(\.x)
        let box = Rect(x: span.min()! - 4, y: lm.box.y, width: span.max()! - span.min()! + 8, height: lm.box.height)
        return FaceLandmarks(box: box, points: points)
    }
}
