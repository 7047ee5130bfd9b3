import FacecastCore
import Testing

@Suite struct MultipartFormTests {
    @Test func parsesFieldsAndFilesWithBinaryBodies() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 13, 10, 0x2D, 0x2D, 0, 255]
        var body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{\"a\":1}\r\n".utf8)
        body += Array("--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../etc/passwd\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        body += png + Array("\r\n--XyZ--\r\n".utf8)
        let form = try MultipartForm(body: body, boundary: "XyZ")
        #expect(form.parts.count == 2)
        #expect(String(decoding: form.part("request")!.body, as: UTF8.self) == "{\"a\":1}")
        #expect(form.part("photo")?.body == png)
        #expect(form.part("photo")?.filename == "../../etc/passwd")
        #expect(form.part("photo")?.contentType == "image/png")
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=----abc") == "----abc")
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"q r\"") == "q r")
        #expect(MultipartForm.boundary(fromContentType: "application/json") == nil)
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data") == nil)
    }

    @Test func truncatedBodiesAreRejected() {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nabc".utf8)
        #expect(throws: MultipartForm.ParseError.self) { try MultipartForm(body: body, boundary: "b") }
        #expect(throws: MultipartForm.ParseError.self) { try MultipartForm(body: Array("hello".utf8), boundary: "b") }
    }
}

@Suite struct ByteRangeTests {
    @Test func resolvesSingleRanges() {
        #expect(ByteRange.resolve(header: nil, size: 1000) == .whole)
        #expect(ByteRange.resolve(header: "bytes=0-99", size: 1000) == .partial(0...99))
        #expect(ByteRange.resolve(header: "bytes=900-", size: 1000) == .partial(900...999))
        #expect(ByteRange.resolve(header: "bytes=-100", size: 1000) == .partial(900...999))
        #expect(ByteRange.resolve(header: "bytes=990-5000", size: 1000) == .partial(990...999))
        #expect(ByteRange.resolve(header: "bytes=1000-", size: 1000) == .unsatisfiable)
        #expect(ByteRange.resolve(header: "bytes=0-1,5-9", size: 1000) == .whole)
        #expect(ByteRange.resolve(header: "items=0-1", size: 1000) == .whole)
        #expect(ByteRange.resolve(header: "bytes=50-10", size: 1000) == .whole)
    }
}

@Suite struct ServerSentEventTests {
    @Test func encodesAndParsesBack() {
        let events = [ServerSentEvent(event: "progress", data: "{\"p\":0.5}", id: "1"),
                      ServerSentEvent(event: "done", data: "line1\nline2", id: "2")]
        let wire = events.map(\.encoded).joined() + ": comment\n\n" + "data: incomplete"
        #expect(wire.hasPrefix("id: 1\nevent: progress\ndata: {\"p\":0.5}\n\n"))
        #expect(ServerSentEvent.parse(wire) == events)
    }
}
