import RealModule

/// What one 10 ms frame of a recording sounds like, in language-independent terms.
public struct AcousticFrame: Sendable, Hashable {
    /// Mean power in dB (relative to full scale).
    public var energy: Double
    /// Zero crossings per second.
    public var zeroCrossings: Double
    /// Share of the power below 900 Hz and above 2.5 kHz.
    public var lowShare: Double
    public var highShare: Double
    /// Power-weighted mean frequency, Hz.
    public var centroid: Double
    /// First two formants from the LPC envelope, Hz (nil when no clear peak).
    public var f1: Double?
    public var f2: Double?
}

extension AcousticFrame {
    /// Frames every `hop` seconds (25 ms windows) of a clip at any sample rate.
    public static func analyse(_ clip: AudioClip, hop: Double = 0.010) -> [AcousticFrame] {
        let rate = Double(clip.sampleRate)
        guard rate > 0, !clip.samples.isEmpty else { return [] }
        let length = max(32, Int((0.025 * rate).rounded()))
        let step = hop * rate
        var fftSize = 2
        while fftSize < length { fftSize *= 2 }
        let fft = FFT(size: fftSize)
        let count = max(1, Int((Double(clip.samples.count) / step).rounded(.up)))
        let window = (0..<length).map { 0.54 - 0.46 * Double.cos(2 * Double.pi * Double($0) / Double(length - 1)) }
        let order = min(18, 2 + Int(rate / 1000))
        var frame = [Double](repeating: 0, count: length)
        var re = [Double](repeating: 0, count: fftSize), im = re
        var power = [Double](repeating: 0, count: fftSize / 2 + 1)
        var out: [AcousticFrame] = []
        out.reserveCapacity(count)
        let binHz = rate / Double(fftSize)
        clip.samples.withUnsafeBufferPointer { x in
            for f in 0..<count {
                let start = Int((Double(f) * step).rounded()) - length / 2 + Int(step / 2)
                var mean = 0.0
                for i in 0..<length {
                    let k = start + i
                    frame[i] = k >= 0 && k < x.count && x[k].isFinite ? Double(x[k]) : 0
                    mean += frame[i]
                }
                mean /= Double(length)
                var energy = 0.0, crossings = 0
                for i in 0..<length {
                    frame[i] -= mean
                    energy += frame[i] * frame[i]
                    if i > 0 && (frame[i] >= 0) != (frame[i - 1] >= 0) { crossings += 1 }
                }
                energy /= Double(length)
                // Spectrum of the (Hamming-windowed) frame.
                var windowed = [Double](repeating: 0, count: length)
                for i in 0..<length { windowed[i] = frame[i] * window[i] }
                windowed.withUnsafeBufferPointer { fft.powerSpectrum($0, re: &re, im: &im, into: &power) }
                var total = 0.0, low = 0.0, high = 0.0, weighted = 0.0
                for k in 1...(fftSize / 2) {
                    let hz = Double(k) * binHz
                    guard hz >= 60 else { continue }
                    total += power[k]
                    weighted += power[k] * hz
                    if hz < 900 { low += power[k] } else if hz > 2500 { high += power[k] }
                }
                let formants = Self.formants(windowed, order: order, rate: rate, fft: fft)
                out.append(AcousticFrame(
                    energy: 10 * Double.log10(energy + 1e-12),
                    zeroCrossings: Double(crossings) / (Double(length) / rate),
                    lowShare: total > 0 ? low / total : 0, highShare: total > 0 ? high / total : 0,
                    centroid: total > 0 ? weighted / total : 0, f1: formants.0, f2: formants.1))
            }
        }
        return out
    }

    /// F1 and F2 as the first two peaks of the LPC envelope (autocorrelation method, pre-emphasised) between
    /// 200 Hz and 3.2 kHz.
    static func formants(_ x: [Double], order: Int, rate: Double, fft: FFT) -> (Double?, Double?) {
        let n = x.count
        guard n > order + 1 else { return (nil, nil) }
        var y = [Double](repeating: 0, count: n)
        y[0] = x[0]
        for i in 1..<n { y[i] = x[i] - 0.95 * x[i - 1] }
        var r = [Double](repeating: 0, count: order + 1)
        for lag in 0...order {
            var s = 0.0
            for i in lag..<n { s += y[i] * y[i - lag] }
            r[lag] = s
        }
        guard r[0] > 1e-12 else { return (nil, nil) }
        r[0] *= 1.0001
        // Levinson–Durbin.
        var a = [Double](repeating: 0, count: order + 1)
        a[0] = 1
        var err = r[0]
        for i in 1...order {
            var acc = r[i]
            for j in 1..<i { acc += a[j] * r[i - j] }
            let k = -acc / err
            var next = a
            for j in 1..<i { next[j] = a[j] + k * a[i - j] }
            next[i] = k
            a = next
            err *= (1 - k * k)
            if err <= 0 { return (nil, nil) }
        }
        // Envelope 1/|A(f)|² from the FFT of the predictor coefficients.
        var re = [Double](repeating: 0, count: fft.size), im = re
        var spectrum = [Double](repeating: 0, count: fft.size / 2 + 1)
        a.withUnsafeBufferPointer { fft.powerSpectrum($0, re: &re, im: &im, into: &spectrum) }
        let binHz = rate / Double(fft.size)
        var peaks: [Double] = []
        let lo = max(2, Int(200 / binHz)), hi = min(fft.size / 2 - 1, Int(3200 / binHz))
        if lo < hi {
            for k in lo...hi where spectrum[k] < spectrum[k - 1] && spectrum[k] <= spectrum[k + 1] {
                // A minimum of |A|² is a peak of the envelope; refine by a parabola through the three bins.
                let l = spectrum[k - 1], c = spectrum[k], r = spectrum[k + 1]
                let d = l - 2 * c + r
                let shift = d != 0 ? 0.5 * (l - r) / d : 0
                peaks.append((Double(k) + max(-0.5, min(0.5, shift))) * binHz)
            }
        }
        let f1 = peaks.first { $0 <= 1100 }
        let f2 = f1.flatMap { f in peaks.first { $0 > f + 250 } }
        return (f1, f2)
    }
}
