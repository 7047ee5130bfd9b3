import FaceAnalysisDlib
@testable import FacecastCore
import FacecastEngine
import FacecastTesting
import Testing

/// The inner-lip refinement on the real portraits: it moves dlib's points only on the wide-open mouth, and there it
/// keeps the cavity and the teeth from showing between the pressed lips.
struct InnerLipRefinementEndToEndTests {
    static let analyzer: FaceAnalyzer = try! FaceAnalyzer()

    static func face(_ photo: RGBImage, index: Int) throws -> FaceLandmarks {
        let faces = try analyzer.detectFaces(in: photo)
        return try #require(index < faces.count ? faces[index] : nil, "face \(index) not found").landmarks
    }

    @Test(arguments: [("astronaut.png", 0), ("grace_hopper.jpg", 0), ("frontal_face.jpg", 0), ("large_face.jpg", 0),
                      ("head_turned.jpg", 0), ("glasses_face.jpg", 0), ("grey_face.jpg", 0), ("two_faces_large.jpg", 1),
                      ("edge_face.jpg", 0), ("edge_face_right.jpg", 0), ("tall_frontal.jpg", 0), ("multi_faces.jpg", 4), ("smile_teeth.jpg", 0),
                      ("frown_closed.jpg", 0), ("grey_pair.png", 0), ("beard_smile.jpg", 0),
                      ("beard_frontal.jpg", 0)])
    func otherMouthsKeepDlibsPoints(photo: String, index: Int) throws {
        let image = try Photo.load(path: try Fixtures.path(photo))
        let fitted = try Self.face(image, index: index)
        #expect(InnerLipRefinement.refined(fitted, in: image) == fitted)
    }

    @Test func theWideOpenMouthClosesWhenItsPointsAreRefined() throws {
        let image = try Photo.load(path: try Fixtures.path("open_mouth.jpg"))
        let fitted = try Self.face(image, index: 0)
        let refined = InnerLipRefinement.refined(fitted, in: image)
        // The upper points go up to the cavity's edge (dlib's sit 4-6 px inside it), the lower ones down past the teeth.
        for k in 61...63 { #expect(refined.points[k].y < fitted.points[k].y - 2, "point \(k)") }
        for k in 65...67 { #expect(refined.points[k].y > fitted.points[k].y + 1, "point \(k)") }

        // Lips pressed shut, rendered from each set of points: what of the cavity and the teeth still shows between
        // the lips (inside the pressed outer-lip contour): pixels darker than half the lips' luma, and pixels about
        // as bright as the lips but far greyer (the photo's dim lower teeth).
        var pressed = RigParams()
        pressed.lipPress = 1
        let lip = RGBf(image, x: Int(fitted.points[51].x), y: Int((fitted.points[51].y + fitted.points[62].y) / 2)).luma
        func leftovers(_ landmarks: FaceLandmarks) -> (dark: Int, teeth: Int) {
            let rig = Rig(canvasWidth: image.width, canvasHeight: image.height, landmarks: landmarks)
            let renderer = FaceRenderer(rig: rig, base: image)
            let frame = renderer.render(pressed)
            let lips = Array(renderer.deformedLandmarks(pressed)[48...59])
            var dark = 0, teeth = 0
            let box = Rect.bounding(lips)
            for y in Int(box.minY)...Int(box.maxY) {
                for x in Int(box.minX)...Int(box.maxX) where FacePalette.inside(Point(Double(x), Double(y)), lips) {
                    let c = RGBf(frame, x: x, y: y)
                    if c.luma < 0.5 * lip { dark += 1 }
                    if c.luma > 0.9 * lip && InnerLipRefinement.saturation(c) < 0.3 { teeth += 1 }
                }
            }
            return (dark, teeth)
        }
        let before = leftovers(fitted), after = leftovers(refined)
        #expect(before.dark >= 40 && before.teeth >= 10, "dlib's own points: \(before)")  // the defect this fixes
        #expect(after.dark * 4 <= before.dark && after.dark <= 20, "dark pixels between the pressed lips: \(before.dark) -> \(after.dark)")
        #expect(after.teeth * 4 <= before.teeth, "grey teeth pixels between the pressed lips: \(before.teeth) -> \(after.teeth)")
    }
}
