/// Small signal helpers shared by the quality metrics.
public enum QualitySignals {
    /// Pearson correlation; 0 when fewer than 3 pairs or either side has (near) zero variance.
    /// Precondition-free: mismatched lengths use the common prefix; non-finite pairs are skipped.
    public static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = min(a.count, b.count)
        var count = 0
        var sa = 0.0, sb = 0.0
        for i in 0..<n where a[i].isFinite && b[i].isFinite {
            sa += a[i]
            sb += b[i]
            count += 1
        }
        guard count >= 3 else { return 0 }
        let ma = sa / Double(count), mb = sb / Double(count)
        var sab = 0.0, saa = 0.0, sbb = 0.0, qa = 0.0, qb = 0.0
        for i in 0..<n where a[i].isFinite && b[i].isFinite {
            let da = a[i] - ma, db = b[i] - mb
            sab += da * db
            saa += da * da
            sbb += db * db
            qa += a[i] * a[i]
            qb += b[i] * b[i]
        }
        // "Near zero" is relative to the signal's own magnitude (a constant series only leaves rounding noise).
        guard saa > 1e-12 * qa, sbb > 1e-12 * qb, saa > 0, sbb > 0 else { return 0 }
        let r = sab / (saa * sbb).squareRoot()
        return min(1, max(-1, r))
    }

    /// Fills nil gaps by linear interpolation between the nearest known neighbours
    /// (edges: hold the nearest known value). All-nil (or empty) → nil.
    public static func interpolateGaps(_ xs: [Double?]) -> [Double]? {
        let known = xs.indices.filter { xs[$0] != nil }
        guard let first = known.first, let last = known.last else { return nil }
        var out = [Double](repeating: 0, count: xs.count)
        for i in 0..<first { out[i] = xs[first]! }
        for i in (last + 1)..<xs.count { out[i] = xs[last]! }
        var prev = first
        out[first] = xs[first]!
        for k in known.dropFirst() {
            let a = xs[prev]!, b = xs[k]!
            let span = Double(k - prev)
            for i in (prev + 1)...k { out[i] = a + (b - a) * Double(i - prev) / span }
            prev = k
        }
        return out
    }

    /// Linear-interpolated percentile (p in 0…1) of the values; 0 for an empty list.
    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        LoudnessEnvelope.percentile(xs, p)
    }

    /// Median (0 for an empty list).
    static func median(_ xs: [Double]) -> Double { percentile(xs, 0.5) }
}

/// Fixed-point number formatting without Foundation (for the report table and the chart).
enum NumberText {
    /// `x` with exactly `decimals` digits after the point ("-0.50", "12.3"); "nan"/"inf" for non-finite values.
    static func fixed(_ x: Double, _ decimals: Int, plus: Bool = false) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e18 else { return x > 0 ? "inf" : "-inf" }
        let n = Int64(scaled)
        let negative = x < 0 && n != 0
        let p = Int64(scale)
        var s = String(n / p)
        if decimals > 0 {
            var frac = String(n % p)
            while frac.count < decimals { frac = "0" + frac }
            s += "." + frac
        }
        if negative { return "-" + s }
        return plus ? "+" + s : s
    }
}
