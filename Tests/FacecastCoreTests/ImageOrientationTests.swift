import Testing
@testable import FacecastCore

@Suite struct ImageOrientationTests {
    /// A minimal JPEG prefix: SOI, APP1 Exif with a one-entry IFD0 carrying the orientation, then SOS.
    func jpegWithOrientation(_ value: UInt8, bigEndian: Bool) -> [UInt8] {
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8] : [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]
        let entry: [UInt8] = bigEndian
            ? [0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, value, 0, 0, 0, 0, 0, 0]
            : [0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 1, 0, 0, 0, value, 0x00, 0, 0, 0, 0, 0, 0]
        tiff += entry
        let payload: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + [0xFF, 0xDA, 0, 2]
    }

    @Test(arguments: [false, true])
    func readsOrientationInBothByteOrders(bigEndian: Bool) {
        for v in 1...8 {
            #expect(ImageOrientation.fromJPEG(jpegWithOrientation(UInt8(v), bigEndian: bigEndian)).rawValue == v)
        }
    }

    @Test func missingOrGarbageMeansUp() {
        #expect(ImageOrientation.fromJPEG([0xFF, 0xD8, 0xFF, 0xDA, 0, 2]) == .up)
        #expect(ImageOrientation.fromJPEG([1, 2, 3]) == .up)
        var broken = jpegWithOrientation(6, bigEndian: false)
        broken[5] = 0xFF  // segment length beyond the data
        #expect(ImageOrientation.fromJPEG(broken) == .up)
    }

    /// A 3×2 image whose pixels encode their own coordinates.
    func probe() -> RGBImage {
        var img = RGBImage(width: 3, height: 2)
        for y in 0..<2 { for x in 0..<3 { img[x, y] = (UInt8(x), UInt8(y), 0) } }
        return img
    }

    @Test func rotationsMoveCornersCorrectly() {
        let img = probe()
        let right = img.applying(.right)  // stored rotated 90° CCW: display needs 90° CW
        #expect(right.width == 2 && right.height == 3)
        #expect(right[1, 0] == (0, 0, 0))  // stored top-left lands top-right
        #expect(right[0, 0] == (0, 1, 0))
        let down = img.applying(.down)
        #expect(down[0, 0] == (2, 1, 0))
        let left = img.applying(.left)
        #expect(left[0, 2] == (0, 0, 0))
        #expect(img.applying(.upMirrored)[0, 0] == (2, 0, 0))
        // Applying an orientation and its inverse is the identity.
        #expect(img.applying(.right).applying(.left) == img)
        #expect(img.applying(.leftMirrored).applying(.leftMirrored) == img)
    }
}

@Suite struct DisclosureLabelTests {
    @Test func labelSitsInsideTheFrameAndDarkensItsBox() {
        var frame = [UInt8](repeating: 200, count: 640 * 360 * 3)
        let label = DisclosureLabel(frameWidth: 640, frameHeight: 360)
        #expect(label.box.x >= 0 && label.box.y >= 0)
        #expect(label.box.x + label.box.width <= 640 && label.box.y + label.box.height <= 360)
        label.draw(into: &frame, frameWidth: 640)
        var white = 0, dark = 0
        for y in label.box.y..<(label.box.y + label.box.height) {
            for x in label.box.x..<(label.box.x + label.box.width) {
                let v = frame[(y * 640 + x) * 3]
                if v == 255 { white += 1 } else if v == 90 { dark += 1 }
            }
        }
        #expect(white > 100, "text pixels drawn")
        #expect(dark > white, "translucent box behind the text")
        #expect(frame[0] == 200, "nothing outside the box changes")
    }
}
