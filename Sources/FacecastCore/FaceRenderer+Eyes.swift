extension FaceRenderer {
    /// Near the end of a blink the warp has squeezed the eye opening to a sliver; cover it with the lid
    /// colour sampled above the eye, darkened along the lash line, so no eyeball shows through.
    func paintClosingEyes(_ pose: FramePose, landmarks lm: [Point], into pixels: inout [UInt8]) {
        let eyes: [(RigBasis, [Int], [Int], RGBf)] = [
            (.blinkR, [36, 37, 38, 39], [36, 41, 40, 39], palette.lidR),
            (.blinkL, [42, 43, 44, 45], [42, 47, 46, 45], palette.lidL),
        ]
        let (width, height) = (base.width, base.height)
        for (basis, up, lo, lid) in eyes {
            let closure = Double(pose.weights[basis.rawValue])
            let alpha = Ease.smooth(0.75, 1.0, closure)
            if alpha <= 0 { continue }
            let upper = Slit.monotone(up.map { lm[$0] })
            var lowerPts = lo.map { lm[$0] }
            lowerPts[0] = upper[0]
            lowerPts[lowerPts.count - 1] = upper[upper.count - 1]
            let lower = Slit.monotone(lowerPts)
            let xl = upper[0].x, xr = upper[upper.count - 1].x
            let iStart = max(0, Int(xl.rounded(.up))), iEnd = min(width - 1, Int(xr.rounded(.down)))
            guard iStart <= iEnd else { continue }
            let grow = 0.7 * alpha
            pixels.withUnsafeMutableBufferPointer { px in
                for i in iStart...iEnd {
                    let x = Double(i)
                    let yu = min(Slit.y(upper, at: x), Slit.y(lower, at: x)) - grow
                    let yl = max(Slit.y(upper, at: x), Slit.y(lower, at: x)) + grow
                    let mid = (yu + yl) / 2
                    let ends = min(max(min(x - xl, xr - x) / 2, 0), 1)
                    let jStart = max(0, Int((yu - 0.5).rounded(.up))), jEnd = min(height - 1, Int((yl + 0.5).rounded(.down)))
                    guard jStart <= jEnd else { continue }
                    for j in jStart...jEnd {
                        let y = Double(j)
                        let cov = min(min(y + 0.5, yl) - max(y - 0.5, yu), 1)
                        if cov <= 0 { continue }
                        let lash = 0.6 + 0.4 * min(abs(y - mid) / 1.5, 1)
                        let a = cov * alpha * (0.4 + 0.6 * ends)
                        let o = (j * width + i) * 3
                        let old = RGBf(Double(px[o]), Double(px[o + 1]), Double(px[o + 2]))
                        let out = RGBf.mix(old, lid * lash, a)
                        px[o] = UInt8(min(max(out.r + 0.5, 0), 255))
                        px[o + 1] = UInt8(min(max(out.g + 0.5, 0), 255))
                        px[o + 2] = UInt8(min(max(out.b + 0.5, 0), 255))
                    }
                }
            }
        }
    }
}
