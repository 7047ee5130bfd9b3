/// A PNG-able contact sheet: captioned tiles in a grid under a title, with notes (e.g. moments that were skipped)
/// at the bottom. Used by `facecast qa --sheet` to show frames at chosen moments next to the source face.
public enum ContactSheet {
    public typealias Colour = (UInt8, UInt8, UInt8)
    public static let background: Colour = (255, 255, 255)
    public static let letterbox: Colour = (225, 225, 225)
    public static let textColour: Colour = (40, 40, 40)

    /// One image and its caption (upper case reads best; lines split at "\n" and wrapped at spaces to the tile width).
    public struct Tile: Sendable {
        public var image: RGBImage
        public var caption: String
        public init(image: RGBImage, caption: String) {
            self.image = image
            self.caption = caption
        }
    }

    // Layout (pixels).
    public static let columns = 3
    /// Every tile is fitted into a square cell of this side (aspect kept, centred, letterboxed).
    public static let tileSize = 256
    static let margin = 16, gap = 16
    static let textScale = 2
    static let lineHeight = BitmapFont.height(scale: textScale) + 4
    static let captionLines = 3
    static let captionHeight = 6 + captionLines * lineHeight
    static let titleHeight = BitmapFont.height(scale: 3) + 14

    /// Size of a sheet with `tiles` tiles and `notes` note lines.
    public static func size(tiles: Int, notes: Int) -> (width: Int, height: Int) {
        let rows = (max(1, tiles) + columns - 1) / columns
        let width = 2 * margin + columns * tileSize + (columns - 1) * gap
        let height = margin + titleHeight + rows * (tileSize + captionHeight) + (rows - 1) * gap
            + notes * lineHeight + margin
        return (width, height)
    }

    /// Top-left corner of tile `index`'s cell (row-major, `columns` per row).
    public static func origin(ofTile index: Int) -> (x: Int, y: Int) {
        let row = index / columns, column = index % columns
        return (margin + column * (tileSize + gap), margin + titleHeight + row * (tileSize + captionHeight + gap))
    }

    /// White sheet: `title` at top (scale 3, or 2 when too long), the tiles in rows of three, each caption under its
    /// tile (scale 2, at most three lines), then one line per note.
    public static func render(title: String, tiles: [Tile], notes: [String] = []) -> RGBImage {
        let (width, height) = size(tiles: tiles.count, notes: notes.count)
        var sheet = RGBImage(width: width, height: height, fill: background)
        let titleScale = BitmapFont.width(of: title, scale: 3) <= width - 2 * margin ? 3 : 2
        sheet.drawText(title, x: margin, y: margin, scale: titleScale, colour: textColour)

        for (i, tile) in tiles.enumerated() {
            let (x, y) = origin(ofTile: i)
            let scale = min(Double(tileSize) / Double(tile.image.width), Double(tileSize) / Double(tile.image.height))
            let w = max(1, min(tileSize, Int((Double(tile.image.width) * scale).rounded())))
            let h = max(1, min(tileSize, Int((Double(tile.image.height) * scale).rounded())))
            if (w, h) != (tileSize, tileSize) {
                sheet.fillRect(x: x, y: y, width: tileSize, height: tileSize, colour: letterbox)
            }
            sheet.paste(tile.image.resized(width: w, height: h), x: x + (tileSize - w) / 2, y: y + (tileSize - h) / 2)
            for (k, line) in wrap(tile.caption, width: tileSize).prefix(captionLines).enumerated() {
                sheet.drawText(line, x: x, y: y + tileSize + 6 + k * lineHeight, scale: textScale, colour: textColour)
            }
        }
        let notesTop = height - margin - notes.count * lineHeight
        for (k, note) in notes.enumerated() {
            sheet.drawText(note, x: margin, y: notesTop + k * lineHeight, scale: textScale, colour: textColour)
        }
        return sheet
    }

    /// The square (whole pixels) of `scale` times the face box's larger side, centred on the box, shrunk to fit an image
    /// of `width`×`height` and then moved inside it.
    public static func faceSquare(around box: Rect, scale: Double = 2, width: Int, height: Int) -> (x: Int, y: Int, side: Int) {
        let side = max(1, min(width, height, Int((scale * max(box.width, box.height)).rounded())))
        func place(_ centre: Double, _ limit: Int) -> Int { min(limit - side, max(0, Int((centre - Double(side) / 2).rounded()))) }
        return (place(box.center.x, width), place(box.center.y, height), side)
    }

    /// The caption's lines ("\n"), each broken at spaces so it fits `width` pixels at the caption scale
    /// (a single word wider than that stays whole and is clipped).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if line.isEmpty || BitmapFont.width(of: candidate, scale: textScale) <= width {
                    line = candidate
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
