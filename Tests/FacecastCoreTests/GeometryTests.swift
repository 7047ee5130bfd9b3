import Testing
@testable import FacecastCore

@Suite struct GeometryTests {
    @Test func rectBoundingContainsAllPoints() {
        let pts = [Point(3, 4), Point(-1, 10), Point(7, -2)]
        let r = Rect.bounding(pts)
        #expect(r == Rect(x: -1, y: -2, width: 8, height: 12))
    }

    @Test func resizeDownAveragesAndKeepsSolidColour() {
        let img = RGBImage(width: 40, height: 30, fill: (200, 100, 50))
        let small = img.resized(width: 13, height: 7)
        #expect(small.width == 13 && small.height == 7)
        #expect(small[6, 3] == (200, 100, 50))
    }

    @Test func seededRandomRepeats() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let sa = (0..<5).map { _ in a.next() }
        #expect(sa == (0..<5).map { _ in b.next() })
        #expect(sa != (0..<5).map { _ in c.next() })
    }

    @Test func rollFromTiltedEyes() {
        var pts = [Point](repeating: Point(50, 50), count: 68)
        for i in FaceLandmarks.rightEye { pts[i] = Point(30, 40) }
        for i in FaceLandmarks.leftEye { pts[i] = Point(70, 80) }
        let f = FaceLandmarks(box: Rect(x: 0, y: 0, width: 100, height: 100), points: pts)
        #expect(abs(f.roughPose.roll - 45) < 1e-9)
        #expect(abs(f.interocularDistance - (3200.0).squareRoot()) < 1e-9)
    }
}
