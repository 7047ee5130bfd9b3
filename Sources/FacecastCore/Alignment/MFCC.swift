import RealModule

/// Mel-frequency cepstral analysis of mono audio at any sample rate. The mel filter bank spans a fixed band in Hz
/// (`lowHz`…`highHz`), so two clips at different rates give comparable features when both analyse the same band.
public struct MFCC: Sendable {
    public var frameSeconds = 0.025
    public var hopSeconds = 0.005
    public var melBands = 30
    /// Cepstral coefficients kept, c1…c`cepstra` (c0 is replaced by the normalised log energy).
    public var cepstra = 8
    public var lowHz = 100.0
    public var highHz = 7_600.0
    public var preEmphasis = 0.97

    public init() {}

    /// The band both clips can represent: up to 95 % of the lower Nyquist frequency, at most 7.6 kHz.
    public static func commonHighHz(_ rates: Int...) -> Double {
        min(7_600, 0.95 * Double(rates.min() ?? 16_000) / 2)
    }

    /// One row per hop: [log energy, c1…cN]. Rows are not normalised. Also returns frame log energies (natural log).
    public func analyse(_ clip: AudioClip) -> (features: FeatureMatrix, logEnergy: [Float]) {
        let rate = Double(clip.sampleRate)
        let dim = cepstra + 1
        guard clip.sampleRate > 0 else { return (FeatureMatrix(frameCount: 0, dimension: dim, values: [], hop: hopSeconds, offset: 0), []) }
        let frameLength = max(16, Int((frameSeconds * rate).rounded()))
        let hop = hopSeconds * rate  // fractional hops keep frames on the same time grid at any rate
        var fftSize = 2
        while fftSize < frameLength { fftSize *= 2 }
        let count = clip.samples.count < frameLength ? (clip.samples.isEmpty ? 0 : 1)
            : 1 + Int((Double(clip.samples.count - frameLength) / hop).rounded(.down))
        let fft = FFT(size: fftSize)
        let bank = MelBank(bands: melBands, fftSize: fftSize, sampleRate: rate, lowHz: lowHz, highHz: min(highHz, rate / 2))
        let window = (0..<frameLength).map { 0.54 - 0.46 * Double.cos(2 * Double.pi * Double($0) / Double(frameLength - 1)) }
        let dct = DCTTable(inputs: melBands, outputs: cepstra + 1)
        var values = [Float](repeating: 0, count: count * dim)
        var energies = [Float](repeating: 0, count: count)
        var frame = [Double](repeating: 0, count: frameLength)
        var re = [Double](repeating: 0, count: fftSize), im = re
        var power = [Double](repeating: 0, count: fftSize / 2 + 1)
        var mel = [Double](repeating: 0, count: melBands)
        clip.samples.withUnsafeBufferPointer { x in
            for f in 0..<count {
                let start = Int((Double(f) * hop).rounded())
                var mean = 0.0
                for i in 0..<frameLength {
                    let k = start + i
                    frame[i] = k < x.count && x[k].isFinite ? Double(x[k]) : 0
                    mean += frame[i]
                }
                mean /= Double(frameLength)
                var energy = 0.0
                var previous = frame[0] - mean
                for i in 0..<frameLength {
                    let centred = frame[i] - mean
                    let emphasised = i == 0 ? centred * (1 - preEmphasis) : centred - preEmphasis * previous
                    previous = centred
                    energy += centred * centred
                    frame[i] = emphasised * window[i]
                }
                energies[f] = Float(Double.log(energy / Double(frameLength) + 1e-10))
                frame.withUnsafeBufferPointer { fft.powerSpectrum($0, re: &re, im: &im, into: &power) }
                bank.apply(power, into: &mel)
                // Floor each band at −50 dB under the frame's mean band energy: lossy codecs (MP3 at low bit rates)
                // zero whole bands, whose logarithms would otherwise dominate the cepstrum.
                let floor = 1e-5 * mel.reduce(0, +) / Double(melBands) + 1e-10
                for b in 0..<melBands { mel[b] = Double.log(mel[b] + floor) }
                values[f * dim] = energies[f]
                for c in 1...cepstra { values[f * dim + c] = Float(dct.coefficient(c, of: mel)) }
            }
        }
        let features = FeatureMatrix(frameCount: count, dimension: dim, values: values, hop: hopSeconds,
                                     offset: frameSeconds / 2)
        return (features, energies)
    }
}

/// Triangular mel filters over an FFT's bins.
struct MelBank: Sendable {
    let bands: Int
    private let firstBin: [Int]
    private let weights: [[Double]]

    init(bands: Int, fftSize: Int, sampleRate: Double, lowHz: Double, highHz: Double) {
        func mel(_ hz: Double) -> Double { 1127 * Double.log(1 + hz / 700) }
        func hz(_ m: Double) -> Double { 700 * (Double.exp(m / 1127) - 1) }
        let lo = mel(lowHz), hi = mel(max(highHz, lowHz + 100))
        let edges = (0...(bands + 1)).map { hz(lo + (hi - lo) * Double($0) / Double(bands + 1)) }
        let binHz = sampleRate / Double(fftSize)
        var first: [Int] = [], w: [[Double]] = []
        for b in 0..<bands {
            let l = edges[b], c = edges[b + 1], r = edges[b + 2]
            let from = max(0, Int((l / binHz).rounded(.up))), to = min(fftSize / 2, Int((r / binHz).rounded(.down)))
            var row: [Double] = []
            if from <= to {
                for k in from...to {
                    let f = Double(k) * binHz
                    row.append(f <= c ? (f - l) / max(c - l, 1e-9) : (r - f) / max(r - c, 1e-9))
                }
            }
            if row.allSatisfy({ $0 <= 0 }) {  // a band narrower than a bin: take the nearest bin
                first.append(min(fftSize / 2, Int((c / binHz).rounded())))
                row = [1]
            } else {
                first.append(from)
            }
            w.append(row)
        }
        self.bands = bands
        firstBin = first
        weights = w
    }

    func apply(_ power: [Double], into out: inout [Double]) {
        power.withUnsafeBufferPointer { p in
            for b in 0..<bands {
                var s = 0.0
                let f = firstBin[b]
                weights[b].withUnsafeBufferPointer { w in
                    for i in 0..<w.count { s += w[i] * p[f + i] }
                }
                out[b] = s
            }
        }
    }
}

/// DCT-II rows, orthonormal scaling.
struct DCTTable: Sendable {
    let inputs: Int
    private let table: [[Double]]

    init(inputs: Int, outputs: Int) {
        self.inputs = inputs
        table = (0..<outputs).map { c in
            (0..<inputs).map { n in
                Double.cos(Double.pi * Double(c) * (Double(n) + 0.5) / Double(inputs)) * (2 / Double(inputs)).squareRoot()
            }
        }
    }

    func coefficient(_ c: Int, of x: [Double]) -> Double {
        var s = 0.0
        let row = table[c]
        for n in 0..<inputs { s += row[n] * x[n] }
        return s
    }
}

extension MFCC {
    /// The highest frequency the clip actually holds (its long-term spectrum more than 85 dB under its peak above it):
    /// a recording made at 8 kHz and resampled to 16 kHz holds nothing above 4 kHz, and comparing that empty band
    /// with a wideband voice would swamp the features.
    public static func effectiveBandwidth(of clip: AudioClip) -> Double {
        let rate = Double(clip.sampleRate)
        guard rate > 0, clip.samples.count > 512 else { return rate / 2 }
        let size = 512
        let fft = FFT(size: size)
        var re = [Double](repeating: 0, count: size), im = re
        var power = [Double](repeating: 0, count: size / 2 + 1), total = power
        let frames = (clip.samples.count - size) / size
        let step = max(1, frames / 400)
        var frame = [Double](repeating: 0, count: size)
        var f = 0
        while f < frames {
            for i in 0..<size {
                let x = clip.samples[f * size + i]
                frame[i] = (x.isFinite ? Double(x) : 0) * (0.5 - 0.5 * Double.cos(2 * Double.pi * Double(i) / Double(size - 1)))
            }
            frame.withUnsafeBufferPointer { fft.powerSpectrum($0, re: &re, im: &im, into: &power) }
            for k in 0...(size / 2) { total[k] += power[k] }
            f += step
        }
        guard let peak = total.max(), peak > 0 else { return rate / 2 }
        let threshold = peak * 3.2e-9  // −85 dB
        var top = 0
        for k in 0...(size / 2) where total[k] > threshold { top = k }
        return Double(top) * rate / Double(size)
    }
}
