/// A 2-D point or vector in pixel coordinates (x right, y down).
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(0, 0)

    public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }
    public static func * (s: Double, a: Point) -> Point { Point(a.x * s, a.y * s) }
    public static func / (a: Point, s: Double) -> Point { Point(a.x / s, a.y / s) }
    public static func += (a: inout Point, b: Point) { a = a + b }

    public var length: Double { (x * x + y * y).squareRoot() }
    public func distance(to other: Point) -> Double { (self - other).length }
    public func dot(_ other: Point) -> Double { x * other.x + y * other.y }

    /// Linear interpolation between `a` and `b`.
    public static func lerp(_ a: Point, _ b: Point, _ t: Double) -> Point { a + (b - a) * t }

    /// Mean of a non-empty list of points.
    public static func centroid<S: Sequence>(_ points: S) -> Point where S.Element == Point {
        var sum = Point.zero
        var n = 0.0
        for p in points {
            sum += p
            n += 1
        }
        return n > 0 ? sum / n : .zero
    }
}

/// An axis-aligned rectangle in pixel coordinates.
public struct Rect: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x + width / 2, y + height / 2) }
    public var area: Double { width * height }

    public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }

    /// The smallest rectangle containing all points.
    public static func bounding<S: Sequence>(_ points: S) -> Rect where S.Element == Point {
        var lo = Point(Double.infinity, Double.infinity)
        var hi = Point(-Double.infinity, -Double.infinity)
        for p in points {
            lo = Point(min(lo.x, p.x), min(lo.y, p.y))
            hi = Point(max(hi.x, p.x), max(hi.y, p.y))
        }
        guard lo.x <= hi.x else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: lo.x, y: lo.y, width: hi.x - lo.x, height: hi.y - lo.y)
    }
}
