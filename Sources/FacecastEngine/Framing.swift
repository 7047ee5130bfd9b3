import FacecastCore

/// Which part of the photo a video shows: the square or rectangle `region` (photo pixels, may reach past the edges,
/// which are clamped) scaled to `width`×`height`. Recorded in the MP4 so `facecast qa` can rebuild the exact
/// reference picture for background stability.
public struct Placement: Sendable, Hashable, Codable {
    public var regionX: Int
    public var regionY: Int
    public var regionWidth: Int
    public var regionHeight: Int
    public var width: Int
    public var height: Int
    /// The animated face's box in the video frame (the photo may show several faces).
    public var face: Rect?

    /// The photo as framed in the video, pixel for pixel what the renderer starts from.
    public func canvas(from photo: RGBImage) -> RGBImage {
        let region = (regionX, regionY, regionWidth, regionHeight) == (0, 0, photo.width, photo.height)
            ? photo : photo.cropped(x: regionX, y: regionY, width: regionWidth, height: regionHeight)
        return region.resized(width: width, height: height)
    }

    /// Maps photo coordinates into the video frame.
    public func map(_ face: FaceLandmarks) -> FaceLandmarks {
        let sx = Double(width) / Double(regionWidth), sy = Double(height) / Double(regionHeight)
        let f = { (p: Point) in Point((p.x - Double(regionX)) * sx, (p.y - Double(regionY)) * sy) }
        let a = f(Point(face.box.x, face.box.y)), b = f(Point(face.box.maxX, face.box.maxY))
        return FaceLandmarks(box: Rect(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y), points: face.points.map(f))
    }

    /// The MP4 metadata value: `facecast-placement region=X,Y,W,H size=W,H [face=X,Y,W,H]`.
    public var metadataValue: String {
        var s = "facecast-placement region=\(regionX),\(regionY),\(regionWidth),\(regionHeight) size=\(width),\(height)"
        if let f = face {
            s += " face=\(Int(f.x.rounded())),\(Int(f.y.rounded())),\(Int(f.width.rounded())),\(Int(f.height.rounded()))"
        }
        return s
    }

    public init(regionX: Int, regionY: Int, regionWidth: Int, regionHeight: Int, width: Int, height: Int) {
        (self.regionX, self.regionY, self.regionWidth, self.regionHeight) = (regionX, regionY, regionWidth, regionHeight)
        (self.width, self.height) = (width, height)
    }

    /// Parses `metadataValue` (anywhere in the string); nil if absent or malformed.
    public init?(metadata: String) {
        guard let start = metadata.range(of: "facecast-placement ") else { return nil }
        var fields: [String: [Int]] = [:]
        for part in metadata[start.upperBound...].split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { break }
            fields[String(kv[0])] = kv[1].split(separator: ",").compactMap { Int($0) }
        }
        guard let r = fields["region"], r.count == 4, let s = fields["size"], s.count == 2,
              r[2] > 0, r[3] > 0, s[0] > 0, s[1] > 0 else { return nil }
        self.init(regionX: r[0], regionY: r[1], regionWidth: r[2], regionHeight: r[3], width: s[0], height: s[1])
        if let f = fields["face"], f.count == 4 {
            face = Rect(x: Double(f[0]), y: Double(f[1]), width: Double(f[2]), height: Double(f[3]))
        }
    }
}

/// Turns the photo into the canvas frames are drawn on, and maps the landmarks onto it.
enum Framing {
    static func placement(photo: RGBImage, face: FaceLandmarks, framing: RenderRequest.Framing) -> Placement {
        switch framing {
        case .photo(let maxLong, let maxShort):
            let long = Double(max(photo.width, photo.height)), short = Double(min(photo.width, photo.height))
            let scale = min(1, Double(maxLong) / long, Double(maxShort) / short)
            // Even dimensions for yuv420p.
            let w = max(2, Int(Double(photo.width) * scale) & ~1)
            let h = max(2, Int(Double(photo.height) * scale) & ~1)
            return Placement(regionX: 0, regionY: 0, regionWidth: photo.width, regionHeight: photo.height, width: w, height: h)
        case .crop(let size):
            let size = max(64, size & ~1)
            let side = 2.6 * max(face.box.width, face.box.height)
            let c = face.box.center - Point(0, 0.08 * face.box.height)
            let s = Int(side.rounded())
            return Placement(regionX: Int((c.x - side / 2).rounded()), regionY: Int((c.y - side / 2).rounded()),
                             regionWidth: s, regionHeight: s, width: size, height: size)
        }
    }

    static func canvas(photo: RGBImage, face: FaceLandmarks, framing: RenderRequest.Framing) -> (RGBImage, FaceLandmarks, Placement) {
        var p = placement(photo: photo, face: face, framing: framing)
        let mapped = p.map(face)
        p.face = mapped.box
        return (p.canvas(from: photo), mapped, p)
    }
}
