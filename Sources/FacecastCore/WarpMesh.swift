/// A tensor-product grid over the crop: uniform lines plus denser lines where the deformation is sharp
/// (the lip line and the eyelids), so slits can open and close without stretching the lips or lids.
///
/// The grid is laid out in the face's upright frame (`FaceAxes`): on a face rolled in the photo its rows run
/// along the lips and lids, and it is as much larger than the crop as the rotated crop needs to stay covered
/// (the vertices beyond the crop never move). Vertex `(c, r)` sits at `axes.photo((xs[c], ys[r]))` in canvas
/// pixels; vertices are stored row-major.
struct WarpMesh: Sendable {
    let xs: [Double]
    let ys: [Double]
    let axes: FaceAxes

    var columns: Int { xs.count }
    var rows: Int { ys.count }
    var vertexCount: Int { xs.count * ys.count }

    @inline(__always) func index(_ c: Int, _ r: Int) -> Int { r * xs.count + c }

    /// Rest position of vertex `(c, r)` in canvas pixels.
    func position(_ c: Int, _ r: Int) -> Point { axes.photo(Point(xs[c], ys[r])) }

    /// Rest positions of every vertex, row-major.
    var positions: [Point] { ys.indices.flatMap { r in xs.indices.map { position($0, r) } } }

    /// A band of extra grid lines (upright coordinates): `lo...hi` every `step` pixels.
    struct Band {
        var lo: Double
        var hi: Double
        var step: Double
    }

    /// `cells` uniform cells across the crop's side; the bands are in upright coordinates.
    init(crop: Rect, cells: Int, columnBands: [Band], rowBands: [Band], axes: FaceAxes) {
        self.axes = axes
        // The crop turned into the upright frame fits in a square this much larger, about the same centre.
        let grow = abs(axes.cos) + abs(axes.sin)
        let c = axes.upright(crop.center), half = max(crop.width, crop.height) * grow / 2
        let n = Int((Double(cells) * grow - 1e-9).rounded(.up))
        xs = Self.lines(from: c.x - half, to: c.x + half, cells: n, bands: columnBands)
        ys = Self.lines(from: c.y - half, to: c.y + half, cells: n, bands: rowBands)
    }

    /// Uniform lines from `a` to `b` (both kept) merged with the band lines strictly inside, then thinned
    /// so no two lines are closer than half a pixel.
    static func lines(from a: Double, to b: Double, cells: Int, bands: [Band]) -> [Double] {
        let n = max(2, cells)
        var all = (0...n).map { a + (b - a) * Double($0) / Double(n) }
        let margin = (b - a) / Double(n)  // keep the outermost cell coarse: it never moves
        for band in bands where band.step > 0 {
            var v = max(band.lo, a + margin)
            let hi = min(band.hi, b - margin)
            while v <= hi {
                all.append(v)
                v += band.step
            }
        }
        all.sort()
        var kept: [Double] = [all[0]]
        for v in all.dropFirst() where v - kept[kept.count - 1] >= 0.5 {
            kept.append(v)
        }
        if kept[kept.count - 1] != b {
            if b - kept[kept.count - 1] < 0.5 { kept.removeLast() }
            kept.append(b)
        }
        return kept
    }
}

/// Thin-plate spline interpolation over a fixed set of centres: factorised once, then solved for any number
/// of value sets. Coordinates are normalised (centre and scale) for conditioning.
struct ThinPlateSpline {
    let centers: [Point]  // normalised
    let origin: Point
    let scale: Double
    private let n: Int  // system size = centres + 3
    private var lu: [Double]
    private var pivots: [Int]

    /// `regularization` adds smoothing (in normalised units): the spline passes near, not exactly through, the values.
    init(centers raw: [Point], origin: Point, scale: Double, regularization: Double = 1e-4) {
        self.origin = origin
        self.scale = scale
        let c = raw.map { ($0 - origin) / scale }
        centers = c
        let k = c.count
        n = k + 3
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<k {
            for j in 0..<k {
                let d = c[i] - c[j]
                a[i * n + j] = Self.kernel(d.x * d.x + d.y * d.y)
            }
            a[i * n + i] += regularization
            a[i * n + k] = 1
            a[i * n + k + 1] = c[i].x
            a[i * n + k + 2] = c[i].y
            a[k * n + i] = 1
            a[(k + 1) * n + i] = c[i].x
            a[(k + 2) * n + i] = c[i].y
        }
        // LU with partial pivoting.
        var piv = Array(0..<n)
        for col in 0..<n {
            var best = col
            var bestVal = abs(a[col * n + col])
            for r in (col + 1)..<n where abs(a[r * n + col]) > bestVal {
                best = r
                bestVal = abs(a[r * n + col])
            }
            if best != col {
                for j in 0..<n { a.swapAt(col * n + j, best * n + j) }
                piv.swapAt(col, best)
            }
            let d = a[col * n + col]
            if abs(d) < 1e-14 { continue }
            for r in (col + 1)..<n {
                let f = a[r * n + col] / d
                if f == 0 { continue }
                a[r * n + col] = f
                for j in (col + 1)..<n { a[r * n + j] -= f * a[col * n + j] }
            }
        }
        lu = a
        pivots = piv
    }

    /// r² log r, written in terms of r².
    @inline(__always) static func kernel(_ r2: Double) -> Double {
        r2 > 1e-20 ? 0.5 * r2 * Double.log(r2) : 0
    }

    /// Spline coefficients (centre weights, then the affine part 1, x, y) interpolating `values` at the centres.
    func solve(_ values: [Double]) -> [Double] {
        precondition(values.count == centers.count)
        var b = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let src = pivots[i]
            b[i] = src < values.count ? values[src] : 0
        }
        for i in 0..<n {
            var s = b[i]
            for j in 0..<i { s -= lu[i * n + j] * b[j] }
            b[i] = s
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<n { s -= lu[i * n + j] * b[j] }
            let d = lu[i * n + i]
            b[i] = abs(d) < 1e-14 ? 0 : s / d
        }
        return b
    }

    /// The basis row at a point: kernel values against every centre, then 1, x, y. Dot with `solve`'s result.
    func basisRow(at p: Point, into row: inout [Double]) {
        let q = (p - origin) / scale
        let k = centers.count
        for i in 0..<k {
            let dx = q.x - centers[i].x, dy = q.y - centers[i].y
            row[i] = Self.kernel(dx * dx + dy * dy)
        }
        row[k] = 1
        row[k + 1] = q.x
        row[k + 2] = q.y
    }

    var rowLength: Int { n }
}
