import FacecastCore

/// Keeps, during qa's landmark pass, the decoded frames a contact sheet may show (cropped to a fixed square around the
/// animated face), and lays out the sheet when the pass is done. Only the frames the picker may still choose are held.
struct ContactSheetCollector {
    private var picker: ContactSheetPicker
    /// The crop: twice the animated face's box (from the MP4's placement, else the first tracked face), in the frame.
    private let square: (x: Int, y: Int, side: Int)
    private var kept: [Int: RGBImage] = [:]

    init(picker: ContactSheetPicker, face: Rect?, width: Int, height: Int) {
        self.picker = picker
        square = ContactSheet.faceSquare(
            around: face ?? Rect(x: 0, y: 0, width: Double(width), height: Double(height)), width: width, height: height)
    }

    /// Frame `index` (0, 1, 2, … in order) and the landmarks measured on it.
    mutating func observe(_ frame: RGBImage, index: Int, landmarks: FaceLandmarks?) {
        picker.observe(eyeAspectRatio: landmarks?.eyeAspectRatio, yaw: landmarks?.roughPose.yaw)
        let needed = picker.neededFrames
        if needed.contains(index) { kept[index] = crop(frame) }
        kept = kept.filter { needed.contains($0.key) }
    }

    /// The sheet: the source face first (the reference picture, as framed in the video, cropped like the frames; or the
    /// photo around its face), then the chosen moments.
    func sheet(title: String, reference: RGBImage?, photo: RGBImage, photoFace: Rect, measuredBlinks: [BlinkEvent]) -> RGBImage {
        let chosen = picker.moments(measuredBlinks: measuredBlinks)
        var notes = chosen.notes
        let source: RGBImage
        if let reference {
            source = crop(reference)
        } else {
            let s = ContactSheet.faceSquare(around: photoFace, width: photo.width, height: photo.height)
            source = photo.cropped(x: s.x, y: s.y, width: s.side, height: s.side)
        }
        var tiles = [ContactSheet.Tile(image: source, caption: "SOURCE PHOTO")]
        for m in chosen.moments {
            if let image = kept[m.frame] {
                tiles.append(ContactSheet.Tile(image: image, caption: m.caption))
            } else {
                notes.append("FRAME \(m.frame) (\(m.kind.rawValue.uppercased())) WAS NOT DECODED")
            }
        }
        return ContactSheet.render(title: title, tiles: tiles, notes: notes)
    }

    private func crop(_ image: RGBImage) -> RGBImage {
        image.cropped(x: square.x, y: square.y, width: square.side, height: square.side)
    }
}
