/// Dynamic time warping between two feature sequences inside a window, with a step penalty on
/// horizontal and vertical moves (diagonal moves count the local distance twice, so the cost compares paths of any shape).
public struct DTWPath: Sendable {
    public struct Step: Sendable, Hashable {
        public var row: Int
        public var column: Int
    }

    /// From (0,0) to (rows-1, columns-1).
    public var steps: [Step]
    /// Sum of local distances along the path divided by the number of steps.
    public var meanDistance: Double

    /// Aligns `rows` to `columns` (same dimension). `distance` between frames is Euclidean.
    /// Ends: the path may start at any of the first `openColumns` columns of row 0 and end at any of the last
    /// `openColumns` of the last row, paying `skipCost` for every column it leaves out (the target's edges may hold
    /// breath or noise that the reference does not have).
    public static func align(rows a: FeatureMatrix, columns b: FeatureMatrix, window: DTWWindow, stepPenalty: Float,
                             openColumns: Int = 0, skipCost: Float = 0) -> DTWPath {
        precondition(a.dimension == b.dimension && window.rows == a.frameCount && window.columns == b.frameCount)
        let n = a.frameCount, m = b.frameCount
        guard n > 0, m > 0 else { return DTWPath(steps: [], meanDistance: 0) }
        var start = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { start[i + 1] = start[i] + window.upper[i] - window.lower[i] + 1 }
        let total = start[n]
        var cost = [Float](repeating: .infinity, count: total)
        var move = [UInt8](repeating: 0, count: total)  // 0 diagonal, 1 from the row above, 2 from the left, 3 start
        let dim = a.dimension
        a.values.withUnsafeBufferPointer { av in
            b.values.withUnsafeBufferPointer { bv in
                cost.withUnsafeMutableBufferPointer { D in
                    for i in 0..<n {
                        let lo = window.lower[i], hi = window.upper[i]
                        let pLo = i > 0 ? window.lower[i - 1] : 0, pHi = i > 0 ? window.upper[i - 1] : -1
                        let ai = i * dim
                        for j in lo...hi {
                            var d2: Float = 0
                            let bj = j * dim
                            for k in 0..<dim {
                                let x = av[ai + k] - bv[bj + k]
                                d2 += x * x
                            }
                            let d = d2.squareRoot()
                            let cell = start[i] + j - lo
                            if i == 0 && j == 0 { D[cell] = d; move[cell] = 3; continue }
                            var best = Float.infinity
                            var how: UInt8 = 0
                            if i > 0 && j > 0 && j - 1 >= pLo && j - 1 <= pHi {
                                best = D[start[i - 1] + j - 1 - pLo] + 2 * d
                            }
                            if i > 0 && j >= pLo && j <= pHi {
                                let c = D[start[i - 1] + j - pLo] + d + stepPenalty
                                if c < best { best = c; how = 1 }
                            }
                            if j > lo {
                                let c = D[cell - 1] + d + stepPenalty
                                if c < best { best = c; how = 2 }
                            }
                            if i == 0 && j < openColumns {
                                let c = d + Float(j) * skipCost
                                if c < best { best = c; how = 3 }
                            }
                            D[cell] = best
                            move[cell] = how
                        }
                    }
                }
            }
        }
        var steps: [Step] = []
        steps.reserveCapacity(n + m)
        // The cheapest end among the last `openColumns` columns of the last row.
        var i = n - 1, j = m - 1
        var bestEnd = Float.infinity
        let lastRow = window.lower[n - 1]...window.upper[n - 1]
        for c in max(lastRow.lowerBound, m - max(1, openColumns))...m - 1 where lastRow.contains(c) {
            let total = cost[start[n - 1] + c - window.lower[n - 1]] + Float(m - 1 - c) * skipCost
            if total < bestEnd { bestEnd = total; j = c }
        }
        var sum = 0.0
        while true {
            steps.append(Step(row: i, column: j))
            sum += Double(distance(a, i, b, j))
            let cell = start[i] + j - window.lower[i]
            if move[cell] == 3 || (i == 0 && j == 0) { break }
            switch move[cell] {
            case 0: i -= 1; j -= 1
            case 1: i -= 1
            default: j -= 1
            }
            if i < 0 || j < 0 { break }
        }
        steps.reverse()
        return DTWPath(steps: steps, meanDistance: sum / Double(steps.count))
    }

    static func distance(_ a: FeatureMatrix, _ i: Int, _ b: FeatureMatrix, _ j: Int) -> Float {
        var d2: Float = 0
        for k in 0..<a.dimension {
            let x = a.values[i * a.dimension + k] - b.values[j * b.dimension + k]
            d2 += x * x
        }
        return d2.squareRoot()
    }

    /// Multi-resolution DTW: a banded alignment on frames averaged `factor`^k times, refined level by level within
    /// `radius` frames of the coarser path. Cost grows linearly with length, not quadratically.
    public static func multiscale(rows a: FeatureMatrix, columns b: FeatureMatrix, stepPenalty: Float,
                                  factor: Int = 4, radius: Int = 10, coarsestFrames: Int = 400,
                                  openColumns: Int = 0, skipCost: Float = 0) -> DTWPath {
        if max(a.frameCount, b.frameCount) <= coarsestFrames || min(a.frameCount, b.frameCount) < 4 * factor {
            let band = max(a.frameCount, b.frameCount)  // full matrix at the coarsest level
            return align(rows: a, columns: b,
                         window: .band(rows: a.frameCount, columns: b.frameCount, radius: band), stepPenalty: stepPenalty,
                         openColumns: openColumns, skipCost: skipCost)
        }
        let coarse = multiscale(rows: a.decimated(by: factor), columns: b.decimated(by: factor),
                                stepPenalty: stepPenalty, factor: factor, radius: radius, coarsestFrames: coarsestFrames,
                                openColumns: (openColumns + factor - 1) / factor, skipCost: skipCost * Float(factor))
        let window = DTWWindow.around(path: coarse.steps, factor: factor, rows: a.frameCount, columns: b.frameCount,
                                      radius: radius)
        return align(rows: a, columns: b, window: window, stepPenalty: stepPenalty, openColumns: openColumns, skipCost: skipCost)
    }
}
