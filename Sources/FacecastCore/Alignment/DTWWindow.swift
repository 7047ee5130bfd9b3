/// The cells a windowed DTW may visit: for every row `i`, the columns `lower[i]...upper[i]`.
/// Both bounds never decrease from row to row, row 0 starts at column 0 and the last row ends at the last column.
public struct DTWWindow: Sendable, Equatable {
    public var lower: [Int]
    public var upper: [Int]
    public let columns: Int

    public var rows: Int { lower.count }
    public var cellCount: Int { zip(lower, upper).reduce(0) { $0 + $1.1 - $1.0 + 1 } }

    init(lower: [Int], upper: [Int], columns: Int) {
        self.lower = lower
        self.upper = upper
        self.columns = columns
        normalise()
    }

    /// A Sakoe–Chiba band of half-width `radius` columns around the straight line from (0,0) to (rows-1, columns-1).
    public static func band(rows: Int, columns: Int, radius: Int) -> DTWWindow {
        let slope = rows > 1 ? Double(columns - 1) / Double(rows - 1) : 0
        var lo = [Int](), hi = [Int]()
        for i in 0..<rows {
            let centre = Double(i) * slope
            lo.append(Int((centre - Double(radius)).rounded(.down)))
            hi.append(Int((centre + Double(radius)).rounded(.up)))
        }
        return DTWWindow(lower: lo, upper: hi, columns: columns)
    }

    /// The window on a grid `factor` times finer, around a path found on the coarse grid, widened by `radius` fine cells.
    public static func around(path: [DTWPath.Step], factor: Int, rows: Int, columns: Int, radius: Int) -> DTWWindow {
        let coarseRows = (rows + factor - 1) / factor
        var jMin = [Int](repeating: Int.max, count: coarseRows), jMax = [Int](repeating: Int.min, count: coarseRows)
        for s in path where s.row < coarseRows {
            jMin[s.row] = min(jMin[s.row], s.column)
            jMax[s.row] = max(jMax[s.row], s.column)
        }
        var lo = [Int](repeating: 0, count: rows), hi = [Int](repeating: 0, count: rows)
        for i in 0..<rows {
            let from = max(0, (i - radius) / factor), to = min(coarseRows - 1, (i + radius) / factor)
            var l = Int.max, h = Int.min
            for c in from...to where jMin[c] != Int.max {
                l = min(l, jMin[c] * factor)
                h = max(h, jMax[c] * factor + factor - 1)
            }
            lo[i] = l == Int.max ? 0 : l - radius
            hi[i] = h == Int.min ? columns - 1 : h + radius
        }
        return DTWWindow(lower: lo, upper: hi, columns: columns)
    }

    /// Clamps to the grid and widens until the window is monotone and connected.
    private mutating func normalise() {
        let n = lower.count
        guard n > 0, columns > 0 else { return }
        for i in 0..<n {
            lower[i] = min(max(lower[i], 0), columns - 1)
            upper[i] = min(max(upper[i], 0), columns - 1)
        }
        lower[0] = 0
        upper[n - 1] = columns - 1
        for i in 1..<n { upper[i] = max(upper[i], upper[i - 1]) }
        for i in stride(from: n - 2, through: 0, by: -1) { lower[i] = min(lower[i], lower[i + 1]) }
        for i in 0..<n where upper[i] < lower[i] { upper[i] = lower[i] }
        for i in 1..<n { upper[i] = max(upper[i], upper[i - 1]) }
        // Connected: each row must start at most one column after the previous row ends.
        for i in 1..<n where lower[i] > upper[i - 1] + 1 { lower[i] = upper[i - 1] + 1 }
        for i in stride(from: n - 2, through: 0, by: -1) { lower[i] = min(lower[i], lower[i + 1]) }
    }
}
