import RealModule

/// In-place iterative radix-2 complex FFT of a fixed power-of-two size, with precomputed twiddles.
struct FFT: Sendable {
    let size: Int
    private let cosTable: [Double]
    private let sinTable: [Double]
    private let reversed: [Int]

    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0, "FFT size must be a power of two")
        self.size = size
        cosTable = (0..<size / 2).map { Double.cos(-2 * Double.pi * Double($0) / Double(size)) }
        sinTable = (0..<size / 2).map { Double.sin(-2 * Double.pi * Double($0) / Double(size)) }
        var bits = 0
        while 1 << bits < size { bits += 1 }
        reversed = (0..<size).map { i in
            var r = 0
            for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
            return r
        }
    }

    /// Power spectrum |X(k)|² for k = 0…size/2 of a real signal (`input` zero-padded or cut to `size`).
    func powerSpectrum(_ input: UnsafeBufferPointer<Double>, re: inout [Double], im: inout [Double], into power: inout [Double]) {
        let n = size
        cosTable.withUnsafeBufferPointer { ct in
        sinTable.withUnsafeBufferPointer { st in
        reversed.withUnsafeBufferPointer { rev in
        re.withUnsafeMutableBufferPointer { r in
        im.withUnsafeMutableBufferPointer { m in
            for i in 0..<n {
                r[rev[i]] = i < input.count ? input[i] : 0
                m[i] = 0
            }
            var half = 1
            while half < n {
                let step = n / (half * 2)
                var start = 0
                while start < n {
                    var t = 0
                    for k in start..<(start + half) {
                        let wr = ct[t], wi = st[t]
                        let j = k + half
                        let xr = r[j] * wr - m[j] * wi
                        let xi = r[j] * wi + m[j] * wr
                        r[j] = r[k] - xr
                        m[j] = m[k] - xi
                        r[k] += xr
                        m[k] += xi
                        t += step
                    }
                    start += half * 2
                }
                half *= 2
            }
            power.withUnsafeMutableBufferPointer { p in
                for k in 0...(n / 2) { p[k] = r[k] * r[k] + m[k] * m[k] }
            }
        }}}}}
    }
}
