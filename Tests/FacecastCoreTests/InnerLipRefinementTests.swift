import Testing
@testable import FacecastCore

/// The inner-lip points move out to the edges of a dark, wide-open mouth, and nowhere else.
struct InnerLipRefinementTests {
    /// RigFixture's face with its lips 14 px apart, painted with a dark cavity over the whole opening, and landmarks
    /// whose inner-lip points sit inside it (upper 4 px low, lower 3 px high), as dlib's do on a wide-open mouth.
    static func openMouth(cavity: (Double, Double, Double)) -> (RGBImage, FaceLandmarks, truth: [Point]) {
        let truth = RigFixture.landmarks(gap: 14)
        var image = RigFixture.base(gap: 0)
        let opening = Array(truth.points[60...67])
        let box = Rect.bounding(opening)
        for y in Int(box.minY)...Int(box.maxY) + 1 {
            for x in Int(box.minX)...Int(box.maxX) + 1 where FacePalette.inside(Point(Double(x), Double(y)), opening) {
                let i = (y * image.width + x) * 3
                image.pixels[i] = UInt8(cavity.0)
                image.pixels[i + 1] = UInt8(cavity.1)
                image.pixels[i + 2] = UInt8(cavity.2)
            }
        }
        var points = truth.points
        for k in 61...63 { points[k].y += 4 }
        for k in 65...67 { points[k].y -= 3 }
        return (image, FaceLandmarks(box: truth.box, points: points), truth.points)
    }

    @Test func pointsMoveToTheEdgesOfADarkOpening() {
        let (image, fitted, truth) = Self.openMouth(cavity: (30, 10, 10))
        let refined = InnerLipRefinement.refined(fitted, in: image).points
        for k in [61, 62, 63, 65, 66, 67] {
            #expect(abs(refined[k].y - truth[k].y) <= 1.2, "point \(k): \(refined[k].y), the edge is at \(truth[k].y)")
            #expect(refined[k].x == fitted.points[k].x)
        }
        // Nothing else moves.
        for k in 0..<68 where ![61, 62, 63, 65, 66, 67].contains(k) { #expect(refined[k] == fitted.points[k]) }
    }

    @Test func teethAboveThePointsLeaveThemAlone() {
        // The same chords inside the opening, but the opening is teeth (bright), as in a smile.
        let (image, fitted, _) = Self.openMouth(cavity: (240, 240, 230))
        #expect(InnerLipRefinement.refined(fitted, in: image) == fitted)
    }

    @Test func closedAndSlightlyPartedLipsAreLeftAlone() {
        let closed = RigFixture.landmarks()
        #expect(InnerLipRefinement.refined(closed, in: RigFixture.base()) == closed)
        // RigFixture's own parted mouth: its landmarks already lie on the opening's edges.
        let parted = RigFixture.landmarks(gap: 14)
        #expect(InnerLipRefinement.refined(parted, in: RigFixture.base(gap: 14)) == parted)
    }
}
