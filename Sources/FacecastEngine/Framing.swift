import FacecastCore

/// Turns the photo into the canvas frames are drawn on, and maps the landmarks onto it.
enum Framing {
    static func canvas(photo: RGBImage, face: FaceLandmarks, framing: RenderRequest.Framing) -> (RGBImage, FaceLandmarks) {
        switch framing {
        case .photo(let maxLong, let maxShort):
            let long = Double(max(photo.width, photo.height)), short = Double(min(photo.width, photo.height))
            let scale = min(1, Double(maxLong) / long, Double(maxShort) / short)
            // Even dimensions for yuv420p.
            let w = max(2, Int(Double(photo.width) * scale) & ~1)
            let h = max(2, Int(Double(photo.height) * scale) & ~1)
            let sx = Double(w) / Double(photo.width), sy = Double(h) / Double(photo.height)
            let canvas = photo.resized(width: w, height: h)
            let lm = FaceLandmarks(
                box: Rect(x: face.box.x * sx, y: face.box.y * sy, width: face.box.width * sx, height: face.box.height * sy),
                points: face.points.map { Point($0.x * sx, $0.y * sy) })
            return (canvas, lm)
        case .crop(let size):
            let size = max(64, size & ~1)
            let side = 2.6 * max(face.box.width, face.box.height)
            let c = face.box.center - Point(0, 0.08 * face.box.height)
            let x0 = Int((c.x - side / 2).rounded()), y0 = Int((c.y - side / 2).rounded())
            let s = Int(side.rounded())
            let region = photo.cropped(x: x0, y: y0, width: s, height: s)
            let scale = Double(size) / Double(s)
            return (region.resized(width: size, height: size),
                    face.transformed(scale: scale, offset: Point(-Double(x0) * scale, -Double(y0) * scale)))
        }
    }
}
