import Foundation
import Testing
@testable import FacecastCore

/// The warp's two samplers: bilinear, and Catmull-Rom for small faces.
@Suite struct WarpSamplingTests {
    static let size = 40

    /// Vertical stripes, a sine of period 5 px (fine detail, like skin texture on a small face), in every channel.
    static func stripe(_ x: Double) -> Double { 125 + 80 * sin(2 * Double.pi * x / 5) }
    static let stripes: [UInt8] = (0..<(size * size)).flatMap { k -> [UInt8] in
        let v = UInt8(stripe(Double(k % size)).rounded())
        return [v, v, v]
    }

    /// Warps the whole image by a horizontal shift of `shift` pixels (destination x reads source x + shift) with
    /// either sampler, returning the destination.
    static func shifted(_ src: [UInt8], by shift: Float, cubic: Bool) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: src.count)
        let n = Float(size - 1)
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                TriangleRaster.catmullRom.withUnsafeBufferPointer { w in
                    let raster = TriangleRaster(src: s.baseAddress!, dst: d.baseAddress!, width: size, height: size,
                                                cubicWeights: cubic ? w.baseAddress! : nil)
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

    @Test func wholePixelShiftsCopyThePixelsWithEitherSampler() {
        for cubic in [false, true] {
            let out = Self.innerRow(Self.shifted(Self.stripes, by: 1, cubic: cubic))
            let expected = (5..<33).map { Int(Self.stripes[(20 * Self.size + $0) * 3]) }
            #expect(out == expected, "cubic: \(cubic)")
        }
    }

    /// A half-pixel shift is where bilinear blurs most: it averages each pair of neighbours, and the stripes lose a
    /// fifth of their contrast. The cubic kernel stays close to the stripes shifted exactly; a flat image stays flat.
    @Test func halfPixelShiftKeepsFineDetailOnlyWithTheCubicKernel() {
        let exact = (4..<32).map { Self.stripe(Double($0) + 0.5) }
        func meanError(_ row: [Int]) -> Double {
            zip(row, exact).map { abs(Double($0) - $1) }.reduce(0, +) / Double(row.count)
        }
        let bilinear = meanError(Self.innerRow(Self.shifted(Self.stripes, by: 0.5, cubic: false)))
        let cubic = meanError(Self.innerRow(Self.shifted(Self.stripes, by: 0.5, cubic: true)))
        #expect(bilinear > 8)  // 80 · (1 − cos 36°) ≈ 15 at the peaks
        #expect(cubic < 0.35 * bilinear, "cubic \(cubic), bilinear \(bilinear)")
        let flat = [UInt8](repeating: 117, count: Self.stripes.count)
        #expect(Set(Self.innerRow(Self.shifted(flat, by: 0.37, cubic: true))) == [117])
    }

    @Test func smallFacesAreSampledSharply() {
        #expect(FaceRenderer.sharpSamplingBelowIOD > 43)  // astronaut.png's eye distance
        #expect(FaceRenderer.sharpSamplingBelowIOD < 100)  // frontal_face.jpg's (the renderer's speed case)
    }
}
