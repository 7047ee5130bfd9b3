/// The PNG-able overview chart of `facecast qa`: mouth opening vs loudness over time, with blinks and bilabials.
public enum QualityChart {
    public typealias Colour = (UInt8, UInt8, UInt8)
    public static let mouthColour: Colour = (31, 119, 180)      // blue
    public static let loudnessColour: Colour = (255, 127, 14)   // orange
    public static let blinkColour: Colour = (255, 205, 205)     // light red band
    public static let closedColour: Colour = (0, 150, 0)        // green tick
    public static let openColour: Colour = (220, 30, 30)        // red tick
    public static let textColour: Colour = (40, 40, 40)
    static let axisColour: Colour = (120, 120, 120)
    static let gridColour: Colour = (232, 232, 232)
    static let white: Colour = (255, 255, 255)

    /// Chart width in pixels (always).
    public static let width = 1200
    /// Videos longer than this are drawn as stacked rows of `rowSpan` seconds each.
    public static let singleRowLimit = 40.0
    public static let rowSpan = 20.0

    /// What to draw.
    public struct Series: Sendable {
        public var fps: Double
        /// One value per video frame (frame i at i/fps), nil where no face.
        public var mouth: [Double?]
        /// RMS per hop, hop k centred at (k+0.5)*hop.
        public var loudness: [Double]
        public var hop: Double
        public var blinks: [BlinkEvent]
        public var bilabials: [BilabialClosure]
        /// Seconds (positive = audio late); shown in the header when given.
        public var syncOffset: Double?
        /// Pearson r at the best lag; shown next to the offset when given.
        public var syncStrength: Double?
        public var title: String

        public init(fps: Double, mouth: [Double?], loudness: [Double], hop: Double, blinks: [BlinkEvent] = [],
                    bilabials: [BilabialClosure] = [], syncOffset: Double? = nil, syncStrength: Double? = nil,
                    title: String = "") {
            self.fps = fps
            self.mouth = mouth
            self.loudness = loudness
            self.hop = hop
            self.blinks = blinks
            self.bilabials = bilabials
            self.syncOffset = syncOffset
            self.syncStrength = syncStrength
            self.title = title
        }

        /// Seconds covered by the data (at least 0.1).
        public var duration: Double {
            var d = 0.1
            if fps > 0 { d = max(d, Double(mouth.count) / fps) }
            if hop > 0 { d = max(d, Double(loudness.count) * hop) }
            for b in blinks where b.end.isFinite { d = max(d, b.end) }
            for b in bilabials where b.time.isFinite { d = max(d, b.time) }
            return d
        }
    }

    // Layout (pixels).
    static let left = 78, right = 22
    static let plotTop = 74
    static let singlePlotHeight = 272
    static let rowPlotHeight = 150
    static let rowGap = 40       // below each plot: tick labels
    static let footer = 34       // axis title

    /// A white chart 1200 px wide a person can read: title at top; x axis in seconds with tick labels; mouth opening
    /// (blue line, its own scale, left axis labels), loudness (orange line, scaled to its own max); blinks as light-red
    /// vertical bands; bilabials as small ticks at the bottom (green closed, red not closed); legend naming each.
    /// Up to 40 s: one row, 1200×420. Longer: stacked rows of 20 s each at the same time scale (taller image).
    public static func render(_ series: Series) -> RGBImage {
        let duration = series.duration
        let rows = duration <= singleRowLimit ? 1 : Int((duration / rowSpan).rounded(.up))
        let span = rows == 1 ? duration : rowSpan
        let plotH = rows == 1 ? singlePlotHeight : rowPlotHeight
        let height = plotTop + rows * (plotH + rowGap) + footer
        var img = RGBImage(width: width, height: height, fill: white)
        let plotW = width - left - right

        // Header: title, sync summary, legend.
        let title = series.title.isEmpty ? "FACECAST QA" : series.title
        img.drawText(title, x: left, y: 10, scale: 3, colour: textColour)
        if let offset = series.syncOffset {
            var s = "AV OFFSET " + NumberText.fixed(offset * 1000, 0, plus: true) + " MS"
            if let r = series.syncStrength { s += ", R " + NumberText.fixed(r, 2) }
            img.drawText(s, x: width - right - BitmapFont.width(of: s, scale: 2), y: 14, scale: 2, colour: textColour)
        }
        drawLegend(&img, y: 44)

        // Scales.
        let knownMouth = series.mouth.compactMap { $0 }.filter(\.isFinite)
        let mouthMax = max(0.05, knownMouth.max() ?? 0) * 1.1
        let loudMax = max(1e-12, series.loudness.filter(\.isFinite).max() ?? 0)

        for row in 0..<rows {
            let t0 = Double(row) * span
            let top = plotTop + row * (plotH + rowGap)
            let bottom = top + plotH - 1
            let x0 = left
            func px(_ t: Double) -> Double { Double(x0) + (t - t0) / span * Double(plotW - 1) }
            func inRow(_ t: Double) -> Bool { t >= t0 - 1e-9 && t <= t0 + span + 1e-9 }

            // Blink bands first (behind everything).
            for b in series.blinks where b.end >= t0 && b.start <= t0 + span {
                let a = Int(px(max(b.start, t0)).rounded()), e = Int(px(min(b.end, t0 + span)).rounded())
                img.fillRect(x: a, y: top, width: max(1, e - a), height: plotH, colour: blinkColour)
            }

            // Grid and axes.
            let step = tickStep(span)
            var t = (t0 / step).rounded(.up) * step
            while t <= t0 + span + 1e-9 {
                let x = Int(px(t).rounded())
                img.fillRect(x: x, y: top, width: 1, height: plotH, colour: gridColour)
                img.fillRect(x: x, y: bottom + 1, width: 1, height: 5, colour: axisColour)
                let label = NumberText.fixed(t, step < 1 ? 1 : 0)
                let w = BitmapFont.width(of: label, scale: 2)
                img.drawText(label, x: min(width - w - 2, max(0, x - w / 2)), y: bottom + 9, scale: 2, colour: textColour)
                t += step
            }
            for k in 0...4 {
                let v = mouthMax * Double(k) / 4
                let y = bottom - Int((Double(plotH - 1) * Double(k) / 4).rounded())
                img.fillRect(x: x0, y: y, width: plotW, height: 1, colour: gridColour)
                if k % 2 == 0 {
                    let label = NumberText.fixed(v, 2)
                    img.drawText(label, x: x0 - 8 - BitmapFont.width(of: label, scale: 2), y: y - 7, scale: 2,
                                 colour: mouthColour)
                }
            }
            img.strokeRect(Rect(x: Double(x0), y: Double(top), width: Double(plotW - 1), height: Double(plotH - 1)),
                           colour: axisColour, thickness: 1)

            /// Loudness: 0…1 of its max, drawn up to 96 % of the plot height.
            func yOf(_ fraction: Double) -> Double {
                Double(bottom) - max(0, min(1, fraction)) * Double(plotH - 1) * 0.96
            }
            /// Mouth: on the left-axis scale 0…mouthMax.
            func yMouth(_ m: Double) -> Double {
                Double(bottom) - max(0, min(1, m / mouthMax)) * Double(plotH - 1)
            }

            // Loudness: per-column maximum when several hops share a column, else a line through the hops.
            if series.hop > 0, !series.loudness.isEmpty {
                let hopsPerPixel = span / Double(plotW - 1) / series.hop
                var prev: Point? = nil
                if hopsPerPixel >= 1 {
                    for c in 0..<plotW {
                        let ta = t0 + Double(c) / Double(plotW - 1) * span
                        let tb = t0 + Double(c + 1) / Double(plotW - 1) * span
                        let ka = max(0, Int((ta / series.hop - 0.5).rounded(.up)))
                        let kb = min(series.loudness.count - 1, Int((tb / series.hop - 0.5).rounded(.up)) - 1)
                        guard ka <= kb else { prev = nil; continue }
                        var m = 0.0
                        for k in ka...kb where series.loudness[k].isFinite { m = max(m, series.loudness[k]) }
                        let p = Point(Double(x0 + c), yOf(m / loudMax))
                        img.drawLine(from: prev ?? p, to: p, colour: loudnessColour, thickness: 2)
                        prev = p
                    }
                } else {
                    for (k, v) in series.loudness.enumerated() {
                        let tk = (Double(k) + 0.5) * series.hop
                        guard inRow(tk), v.isFinite else { prev = nil; continue }
                        let p = Point(px(tk), yOf(v / loudMax))
                        img.drawLine(from: prev ?? p, to: p, colour: loudnessColour, thickness: 2)
                        prev = p
                    }
                }
            }

            // Mouth opening: a line through the frames, broken where no face was found.
            if series.fps > 0 {
                var prev: Point? = nil
                let first = max(0, Int((t0 * series.fps).rounded(.down)) - 1)
                let last = min(series.mouth.count - 1, Int(((t0 + span) * series.fps).rounded(.up)) + 1)
                if first <= last {
                    for i in first...last {
                        let ti = Double(i) / series.fps
                        guard inRow(ti), let m = series.mouth[i], m.isFinite else { prev = nil; continue }
                        let p = Point(px(ti), yMouth(m))
                        img.drawLine(from: prev ?? p, to: p, colour: mouthColour, thickness: 2)
                        prev = p
                    }
                }
            }

            // Bilabial ticks at the bottom.
            for b in series.bilabials where inRow(b.time) {
                let x = Int(px(b.time).rounded())
                img.fillRect(x: x - 1, y: bottom - 14, width: 3, height: 14, colour: b.closed ? closedColour : openColour)
            }
        }

        let axisTitle = "TIME (S)"
        img.drawText(axisTitle, x: left + (plotW - BitmapFont.width(of: axisTitle, scale: 2)) / 2,
                     y: height - footer + 8, scale: 2, colour: textColour)
        return img
    }

    static func drawLegend(_ img: inout RGBImage, y: Int) {
        var x = left
        func item(_ name: String, _ draw: (inout RGBImage, Int) -> Void) {
            draw(&img, x)
            x += 28
            x += img.drawText(name, x: x, y: y, scale: 2, colour: textColour) + 26
        }
        item("MOUTH OPENING") { img, x in img.fillRect(x: x, y: y + 5, width: 22, height: 4, colour: mouthColour) }
        item("LOUDNESS (REL.)") { img, x in img.fillRect(x: x, y: y + 5, width: 22, height: 4, colour: loudnessColour) }
        item("BLINK") { img, x in img.fillRect(x: x, y: y - 2, width: 22, height: 18, colour: blinkColour) }
        item("P/B/M CLOSED") { img, x in img.fillRect(x: x + 9, y: y, width: 3, height: 14, colour: closedColour) }
        item("P/B/M OPEN") { img, x in img.fillRect(x: x + 9, y: y, width: 3, height: 14, colour: openColour) }
    }

    /// A round tick step giving at most ~12 ticks over `span` seconds.
    static func tickStep(_ span: Double) -> Double {
        for s in [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600] where span / s <= 12 { return s }
        return (span / 12).rounded(.up)
    }
}
