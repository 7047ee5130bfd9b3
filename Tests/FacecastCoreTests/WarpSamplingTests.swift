import Foundation
import Testing
@testable import FacecastCore

/// The warp's samplers: bilinear from the source doubled (large faces), Catmull-Rom from the source itself (small
/// faces), and plain bilinear (the image's outer ring).
@Suite struct WarpSamplingTests {
    static let size = 40

    /// Vertical stripes, a sine of period 5 px (fine detail, like skin texture on a small face), in every channel.
    static func stripe(_ x: Double) -> Double { 125 + 80 * sin(2 * Double.pi * x / 5) }
    static let stripes: [UInt8] = (0..<(size * size)).flatMap { k -> [UInt8] in
        let v = UInt8(stripe(Double(k % size)).rounded())
        return [v, v, v]
    }

    enum Sampler: CaseIterable { case bilinear, cubic, doubled }

    /// Warps the whole image by a horizontal shift of `shift` pixels (destination x reads source x + shift) with
    /// the sampler, returning the destination.
    static func shifted(_ src: [UInt8], by shift: Float, with sampler: Sampler) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: src.count)
        let n = Float(size - 1)
        let doubled = sampler == .doubled
            ? DoubledImage(RGBImage(width: size, height: size, pixels: src), x0: 0, y0: 0, x1: size - 1, y1: size - 1)
            : nil
        (doubled?.pixels ?? src).withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                TriangleRaster.catmullRom.withUnsafeBufferPointer { w in
                    let source = doubled.map { ($0.width, $0.height, Float(2), Float(0), Float(0)) }
                        ?? (size, size, 1, 0, 0)
                    let raster = TriangleRaster(src: s.baseAddress!, dst: d.baseAddress!, width: size, height: size,
                                                source: source, cubicWeights: sampler == .cubic ? w.baseAddress! : nil)
                    // Two triangles covering the whole image, a little past its edges.
                    let (lo, hi) = (Float(-0.5), n + 0.5)
                    raster.draw(lo, lo, hi, lo, hi, hi, lo + shift, lo, hi + shift, lo, hi + shift, hi)
                    raster.draw(lo, lo, hi, hi, lo, hi, lo + shift, lo, hi + shift, hi, lo + shift, hi)
                }
            }
        }
        return dst
    }

    /// Red channel of the inner row 20, columns 4..<32 (away from the image's outer ring, which stays bilinear).
    static func innerRow(_ img: [UInt8]) -> [Int] { (4..<32).map { Int(img[(20 * size + $0) * 3]) } }

    @Test func catmullRomWeightsSumToOneAndInterpolate() {
        let w = TriangleRaster.catmullRom
        #expect(w.count == 256 * 4)
        for k in 0..<256 { #expect(w[k * 4] + w[k * 4 + 1] + w[k * 4 + 2] + w[k * 4 + 3] == 256) }
        #expect(Array(w[0..<4]) == [0, 256, 0, 0])  // on a pixel centre: that pixel
        #expect(Array(w[512..<516]) == [-16, 144, 144, -16])  // half way: -1/16, 9/16, 9/16, -1/16
    }

    @Test func wholePixelShiftsCopyThePixelsWithEverySampler() {
        for sampler in Sampler.allCases {
            let out = Self.innerRow(Self.shifted(Self.stripes, by: 1, with: sampler))
            let expected = (5..<33).map { Int(Self.stripes[(20 * Self.size + $0) * 3]) }
            #expect(out == expected, "\(sampler)")
        }
    }

    static func meanError(_ row: [Int], shift: Double) -> Double {
        let exact = (4..<32).map { Self.stripe(Double($0) + shift) }
        return zip(row, exact).map { abs(Double($0) - $1) }.reduce(0, +) / Double(row.count)
    }

    /// A half-pixel shift is where bilinear blurs most: it averages each pair of neighbours, and the stripes lose a
    /// fifth of their contrast. The cubic kernel stays close to the stripes shifted exactly; a flat image stays flat.
    @Test func halfPixelShiftKeepsFineDetailOnlyWithTheCubicKernel() {
        let bilinear = Self.meanError(Self.innerRow(Self.shifted(Self.stripes, by: 0.5, with: .bilinear)), shift: 0.5)
        let cubic = Self.meanError(Self.innerRow(Self.shifted(Self.stripes, by: 0.5, with: .cubic)), shift: 0.5)
        #expect(bilinear > 8)  // 80 · (1 − cos 36°) ≈ 15 at the peaks
        #expect(cubic < 0.35 * bilinear, "cubic \(cubic), bilinear \(bilinear)")
        let flat = [UInt8](repeating: 117, count: Self.stripes.count)
        #expect(Set(Self.innerRow(Self.shifted(flat, by: 0.37, with: .cubic))) == [117])
    }

    /// Bilinear from the doubled source keeps the fine detail bilinear on the source loses, at any offset (at a
    /// quarter pixel it falls between doubled pixels), and a flat image stays flat.
    @Test func theDoubledSourceKeepsFineDetailUnderBilinearSampling() {
        for shift in [0.25, 0.5, 0.7] {
            let plain = Self.meanError(Self.innerRow(Self.shifted(Self.stripes, by: Float(shift), with: .bilinear)),
                                       shift: shift)
            let doubled = Self.meanError(Self.innerRow(Self.shifted(Self.stripes, by: Float(shift), with: .doubled)),
                                         shift: shift)
            #expect(doubled < 0.5 * plain, "shift \(shift): doubled \(doubled), bilinear \(plain)")
        }
        let flat = [UInt8](repeating: 117, count: Self.stripes.count)
        #expect(Set(Self.innerRow(Self.shifted(flat, by: 0.37, with: .doubled))) == [117])
    }

    /// The doubled image holds the source's own pixels at even positions and Lanczos-3 half-way samples between.
    @Test func doublingKeepsTheSourcePixelsAndInterpolatesBetween() {
        let taps = DoubledImage.halfTaps
        #expect(taps.reduce(0, +) == 4096)
        #expect(taps == taps.reversed())  // symmetric about the half-way point
        #expect(taps[0] > 0 && taps[1] < 0 && taps[2] > 2000)  // the Lanczos lobes
        let image = RGBImage(width: Self.size, height: Self.size, pixels: Self.stripes)
        let d = DoubledImage(image, x0: 5, y0: 6, x1: 30, y1: 20)
        #expect(d.originX == 5 && d.originY == 6 && d.width == 51 && d.height == 29)
        for (x, y) in [(5, 6), (17, 11), (30, 20)] {
            let o = ((2 * (y - 6)) * d.width + 2 * (x - 5)) * 3
            #expect(Array(d.pixels[o..<o + 3]) == Array(image.pixels[(y * Self.size + x) * 3..<(y * Self.size + x) * 3 + 3]))
        }
        // Half-way between columns 10 and 11 of the stripes: close to the sine there.
        let o = ((2 * 4) * d.width + 2 * 5 + 1) * 3
        #expect(abs(Double(d.pixels[o]) - Self.stripe(10.5)) < 3)
    }

    @Test func smallFacesAreSampledSharply() {
        #expect(FaceRenderer.sharpSamplingBelowIOD > 43)  // astronaut.png's eye distance
        #expect(FaceRenderer.sharpSamplingBelowIOD < 100)  // frontal_face.jpg's (the renderer's speed case)
    }
}

/// Which sampler a renderer picks, by the face's size.
@Suite struct RendererSamplerChoiceTests {
    /// RigFixture's face scaled about the canvas centre (eyes 70 px apart at scale 1).
    static func scaledRig(_ s: Double) -> Rig {
        let lm = RigFixture.landmarks()
        func scaled(_ p: Point) -> Point { Point(256 + (p.x - 256) * s, 256 + (p.y - 256) * s) }
        let b = lm.box
        let box = Rect(x: 256 + (b.x - 256) * s, y: 256 + (b.y - 256) * s, width: b.width * s, height: b.height * s)
        return Rig(canvasWidth: RigFixture.size, canvasHeight: RigFixture.size,
                   landmarks: FaceLandmarks(box: box, points: lm.points.map(scaled)))
    }

    /// Fine texture everywhere: 3-pixel checks of ±40 around mid grey.
    static let textured: RGBImage = {
        let n = RigFixture.size
        let px = (0..<(n * n)).flatMap { k -> [UInt8] in
            let v: UInt8 = ((k % n) / 3 + (k / n) / 3) % 2 == 0 ? 88 : 168
            return [v, v, v]
        }
        return RGBImage(width: n, height: n, pixels: px)
    }()

    @Test func smallFacesSampleThePhotoAndLargeOnesItsDoubledCrop() throws {
        let small = FaceRenderer(rig: Self.scaledRig(1), base: Self.textured)
        #expect(small.doubledSources.isEmpty)  // eyes 70 px apart: Catmull-Rom on the source
        let rig = Self.scaledRig(1.4)
        #expect(rig.frame.iod >= FaceRenderer.sharpSamplingBelowIOD)
        let large = FaceRenderer(rig: rig, base: Self.textured)
        let d = try #require(large.doubledSources.first)
        let c = rig.cropRect
        #expect(Double(d.originX) <= max(c.x, 0) && Double(d.originY) <= max(c.y, 0))
        #expect(Double(d.originX + d.width / 2) >= min(c.x + c.width, 511))
        #expect(Double(d.originY + d.height / 2) >= min(c.y + c.height, 511))
    }

    /// A head turn moves the face by fractions of a pixel: sampled from the doubled crop, the face keeps more of the
    /// photo's fine texture than bilinear sampling of the photo itself (measured on the same frame).
    @Test func aTurnedLargeFaceKeepsMoreOfItsFineTexture() {
        let rig = Self.scaledRig(1.4)
        let renderer = FaceRenderer(rig: rig, base: Self.textured)
        var params = RigParams.neutral
        params.headYaw = 3
        params.headPitch = 2
        let doubled = renderer.render(params)
        let plain = FaceRenderer(rig: rig, base: Self.textured, samplingDoubled: false).render(params)
        // Variance of the Laplacian over the face (luma = any channel here).
        func detail(_ img: RGBImage) -> Double {
            var xs: [Double] = []
            for y in 200..<320 {
                for x in 200..<312 {
                    func v(_ x: Int, _ y: Int) -> Double { Double(img.pixels[(y * img.width + x) * 3]) }
                    xs.append(4 * v(x, y) - v(x - 1, y) - v(x + 1, y) - v(x, y - 1) - v(x, y + 1))
                }
            }
            let m = xs.reduce(0, +) / Double(xs.count)
            return xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count)
        }
        let base = detail(Self.textured), withDoubled = detail(doubled), withPlain = detail(plain)
        #expect(withPlain < 0.9 * base)  // the turn really resamples the face
        #expect(withDoubled > 1.2 * withPlain, "doubled \(withDoubled), bilinear \(withPlain), photo \(base)")
    }
}
