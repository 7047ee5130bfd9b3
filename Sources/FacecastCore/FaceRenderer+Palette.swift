import RealModule

/// An RGB colour in 0…255 floating point.
struct RGBf: Sendable {
    var r: Double
    var g: Double
    var b: Double

    init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    static func * (c: RGBf, s: Double) -> RGBf { RGBf(c.r * s, c.g * s, c.b * s) }
    static func * (c: RGBf, s: RGBf) -> RGBf { RGBf(c.r * s.r, c.g * s.g, c.b * s.b) }
    static func + (a: RGBf, b: RGBf) -> RGBf { RGBf(a.r + b.r, a.g + b.g, a.b + b.b) }
    var luma: Double { 0.299 * r + 0.587 * g + 0.114 * b }

    /// `a` over `b` with coverage `t`.
    static func mix(_ b: RGBf, _ a: RGBf, _ t: Double) -> RGBf {
        RGBf(b.r + (a.r - b.r) * t, b.g + (a.g - b.g) * t, b.b + (a.b - b.b) * t)
    }

    /// The pixel at byte offset `o` of an RGB buffer.
    init(_ px: UnsafeMutableBufferPointer<UInt8>, at o: Int) {
        self.init(Double(px[o]), Double(px[o + 1]), Double(px[o + 2]))
    }

    /// The pixel at (x, y) of an image.
    init(_ image: RGBImage, x: Int, y: Int) {
        let p = image[x, y]
        self.init(Double(p.0), Double(p.1), Double(p.2))
    }

    /// Bilinear sample of `image` at (x, y), clamped to the image.
    static func bilinear(_ image: RGBImage, _ x: Double, _ y: Double) -> RGBf {
        let fx = min(max(x, 0), Double(image.width - 1)), fy = min(max(y, 0), Double(image.height - 1))
        let x0 = Int(fx), y0 = Int(fy), x1 = min(x0 + 1, image.width - 1), y1 = min(y0 + 1, image.height - 1)
        let (tx, ty) = (fx - Double(x0), fy - Double(y0))
        let top = mix(RGBf(image, x: x0, y: y0), RGBf(image, x: x1, y: y0), tx)
        let bottom = mix(RGBf(image, x: x0, y: y1), RGBf(image, x: x1, y: y1), tx)
        return mix(top, bottom, ty)
    }

    /// Paints this colour over the pixel at byte offset `o` with coverage `t` (rounded, clamped to 0…255).
    func blend(into px: UnsafeMutableBufferPointer<UInt8>, at o: Int, coverage t: Double) {
        RGBf.mix(RGBf(px, at: o), self, t).store(into: px, at: o)
    }

    /// Writes this colour to the pixel at byte offset `o` (rounded, clamped to 0…255).
    func store(into px: UnsafeMutableBufferPointer<UInt8>, at o: Int) {
        px[o] = UInt8(min(max(r + 0.5, 0), 255))
        px[o + 1] = UInt8(min(max(g + 0.5, 0), 255))
        px[o + 2] = UInt8(min(max(b + 0.5, 0), 255))
    }
}

/// Colours sampled once from the photo so synthesised parts (the mouth interior) match its lighting.
struct FacePalette: Sendable {
    private(set) var lip: RGBf
    /// Whether the photo shows teeth between its lips (the brightest quarter there is well above the skin).
    private(set) var showsTeeth = false
    private(set) var skin: RGBf
    private(set) var cavity: RGBf
    private(set) var tongue: RGBf
    private(set) var teeth: RGBf

    init(base: RGBImage, landmarks lm: FaceLandmarks, iod u: Double) {
        let p = lm.points
        func patch(_ c: Point, _ radius: Double) -> RGBf {
            let rad = max(1, Int(radius.rounded()))
            var sum = RGBf(0, 0, 0), n = 0.0
            let cx = Int(c.x.rounded()), cy = Int(c.y.rounded())
            for y in (cy - rad)...(cy + rad) where y >= 0 && y < base.height {
                for x in (cx - rad)...(cx + rad) where x >= 0 && x < base.width {
                    let px = base[x, y]
                    sum = sum + RGBf(Double(px.0), Double(px.1), Double(px.2))
                    n += 1
                }
            }
            return n > 0 ? sum * (1 / n) : RGBf(128, 100, 90)
        }
        func mean(_ cs: [RGBf]) -> RGBf { cs.reduce(RGBf(0, 0, 0), +) * (1 / Double(max(cs.count, 1))) }
        let lipPairs = [(50, 61), (51, 62), (52, 63), (56, 65), (57, 66), (58, 67)]
        lip = mean(lipPairs.map { patch(Point.lerp(p[$0.0], p[$0.1], 0.5), 0.025 * u) })
        skin = mean([patch(Point.lerp(p[2], p[31], 0.5), 0.06 * u), patch(Point.lerp(p[14], p[35], 0.5), 0.06 * u),
                     patch(p[29], 0.04 * u)])

        // The whites of the eyes tell how bright white things are in this light.
        var lumas = [Double]()
        for eye in [Array(p[36...41]), Array(p[42...47])] {
            let box = Rect.bounding(eye)
            for y in Int(box.minY.rounded(.up))...max(Int(box.minY.rounded(.up)), Int(box.maxY))
            where y >= 0 && y < base.height {
                for x in Int(box.minX.rounded(.up))...max(Int(box.minX.rounded(.up)), Int(box.maxX))
                where x >= 0 && x < base.width && Self.inside(Point(Double(x), Double(y)), eye) {
                    let px = base[x, y]
                    lumas.append(RGBf(Double(px.0), Double(px.1), Double(px.2)).luma)
                }
            }
        }
        lumas.sort()
        var teethLuma: Double
        if lumas.count >= 6 {
            teethLuma = min(max(0.85 * lumas[Int(Double(lumas.count - 1) * 0.85)], 90), 235)
        } else {
            teethLuma = min(max(1.25 * skin.luma, 120), 225)
        }
        // Eyes in shade (behind glasses, under a brow) undersell white: teeth are never much darker than the
        // cheek in the same light, or they read as grey.
        teethLuma = max(teethLuma, min(0.95 * skin.luma, 210))
        let offWhite = RGBf(1.0, 0.965, 0.88)
        // A photo that shows its teeth gives their colour directly: the brightest quarter of the pixels between
        // the inner lips (shading in MouthInterior darkens them again towards the corners and the lip line).
        let inner = Array(p[60...67])
        var shown: [RGBf] = []
        if lm.mouthOpening > 0.04 {
            let box = Rect.bounding(inner)
            for y in max(0, Int(box.minY))...min(base.height - 1, Int(box.maxY) + 1) {
                for x in max(0, Int(box.minX))...min(base.width - 1, Int(box.maxX) + 1)
                where Self.inside(Point(Double(x), Double(y)), inner) {
                    let px = base[x, y]
                    shown.append(RGBf(Double(px.0), Double(px.1), Double(px.2)))
                }
            }
        }
        shown.sort { $0.luma > $1.luma }
        let brightest = Array(shown.prefix(shown.count / 4))
        // Brighter than the skin, or (a pale face whose teeth are no brighter than its cheeks) well above the lips:
        // a moustache over a dark mouth (grey_face.jpg: a quarter of the way from the lips to white) is neither.
        let bright = mean(brightest)
        showsTeeth = brightest.count >= 6 && bright.luma > 110
            && (bright.luma > 1.1 * skin.luma || bright.luma > lip.luma + 0.4 * (255 - lip.luma))
        if showsTeeth {
            teeth = bright * min(1.08, 245 / max(bright.r, bright.g, bright.b))
        } else {
            // White in this photo's light carries part of its colour cast (read from the skin): a neutral grey
            // beside warm skin reads as green-grey.
            let l = max(skin.luma, 1)
            let cast = RGBf(Double.pow(max(skin.r, 1) / l, 0.3), Double.pow(max(skin.g, 1) / l, 0.3),
                            Double.pow(max(skin.b, 1) / l, 0.3))
            let tinted = offWhite * cast
            teeth = tinted * (teethLuma / tinted.luma)
        }
        cavity = lip * RGBf(0.3, 0.16, 0.16)
        tongue = lip * RGBf(0.85, 0.58, 0.6)
        // The synthesised colours carry as much colour as the photo's lips and skin do: a black-and-white or
        // grey-toned photo gets a grey mouth (warm teeth or a red cavity would be the only colour in it).
        func grey(_ c: RGBf) -> RGBf { RGBf(c.luma, c.luma, c.luma) }
        let colour = Ease.smooth(0.06, 0.2, max(Self.saturation(lip), Self.saturation(skin)))
        func muted(_ c: RGBf) -> RGBf { RGBf.mix(grey(c), c, colour) }
        (cavity, tongue) = (muted(cavity), muted(tongue))
        if !showsTeeth { teeth = muted(teeth) }
        if [lip, skin].allSatisfy({ max($0.r, $0.g, $0.b) - min($0.r, $0.g, $0.b) < 4 }) {
            (lip, skin, teeth) = (grey(lip), grey(skin), grey(teeth))
        }
    }

    /// How far a colour is from grey: its channels' spread over its luma (skin in colour photos about 0.3-0.6,
    /// grey-toned photos under 0.05).
    static func saturation(_ c: RGBf) -> Double { (max(c.r, c.g, c.b) - min(c.r, c.g, c.b)) / max(c.luma, 1) }

    /// Even-odd point-in-polygon test.
    static func inside(_ q: Point, _ poly: [Point]) -> Bool {
        var inside = false
        var j = poly.count - 1
        for i in 0..<poly.count {
            let a = poly[i], b = poly[j]
            if (a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
