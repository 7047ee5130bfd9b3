/// Frames × dimensions of acoustic features, row-major, with the hop between frames in seconds.
public struct FeatureMatrix: Sendable {
    public var frameCount: Int
    public var dimension: Int
    public var values: [Float]
    /// Seconds between frame starts; frame `i` is centred at `offset + i * hop`.
    public var hop: Double
    public var offset: Double

    public init(frameCount: Int, dimension: Int, values: [Float], hop: Double, offset: Double) {
        precondition(values.count == frameCount * dimension)
        self.frameCount = frameCount
        self.dimension = dimension
        self.values = values
        self.hop = hop
        self.offset = offset
    }

    public func row(_ i: Int) -> ArraySlice<Float> { values[(i * dimension)..<((i + 1) * dimension)] }

    /// The time at the centre of frame `i` (fractional frames allowed).
    public func time(ofFrame i: Double) -> Double { offset + i * hop }

    /// Averages of `factor` consecutive frames (the last group may be shorter).
    public func decimated(by factor: Int) -> FeatureMatrix {
        guard factor > 1, frameCount > 0 else { return self }
        let count = (frameCount + factor - 1) / factor
        var out = [Float](repeating: 0, count: count * dimension)
        for g in 0..<count {
            let lo = g * factor, hi = min(frameCount, lo + factor)
            let scale = 1 / Float(hi - lo)
            for i in lo..<hi {
                for d in 0..<dimension { out[g * dimension + d] += values[i * dimension + d] * scale }
            }
        }
        return FeatureMatrix(frameCount: count, dimension: dimension, values: out, hop: hop * Double(factor),
                             offset: offset + hop * Double(factor - 1) / 2)
    }

    /// Frames `range` only (times keep their meaning).
    public func slice(_ range: Range<Int>) -> FeatureMatrix {
        FeatureMatrix(frameCount: range.count, dimension: dimension,
                      values: Array(values[(range.lowerBound * dimension)..<(range.upperBound * dimension)]),
                      hop: hop, offset: offset + Double(range.lowerBound) * hop)
    }

    /// The given frames, in the given order (times of the result are not meaningful: keep the indices).
    public func gathered(_ frames: [Int]) -> FeatureMatrix {
        var out = [Float]()
        out.reserveCapacity(frames.count * dimension)
        for i in frames { out += values[(i * dimension)..<((i + 1) * dimension)] }
        return FeatureMatrix(frameCount: frames.count, dimension: dimension, values: out, hop: hop, offset: offset)
    }
}
