import FacecastCore
import Foundation
import Hummingbird
import ImageCodecs
import NIOCore

/// Reading uploads: the size limit, multipart or raw bodies, and content sniffing.
enum Uploads {
    /// The whole body, refusing more than `limit` bytes with 413.
    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "upload_too_large",
                 "The upload is larger than the limit of \(limit / (1024 * 1024)) MB. Send a smaller photo (e.g. scaled to 2000 px).")
    }

    static func contentType(_ request: Request) -> String { request.headers[.contentType] ?? "" }

    static func isJSON(_ request: Request) -> Bool {
        contentType(request).lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } == "application/json"
    }

    /// The multipart form if the request is `multipart/form-data`.
    static func form(_ request: Request, body: [UInt8]) throws -> MultipartForm? {
        let type = contentType(request)
        guard type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        guard let boundary = MultipartForm.boundary(fromContentType: type) else {
            throw APIError(.badRequest, "bad_multipart", "The multipart/form-data content type has no boundary parameter.")
        }
        do { return try MultipartForm(body: body, boundary: boundary) } catch {
            throw APIError(.badRequest, "bad_multipart", "The multipart body could not be parsed (\(error)). Let your HTTP client build it (e.g. curl -F photo=@face.jpg).")
        }
    }

    /// A photo's bytes and its sniffed extension; 415 for anything that is not a decodable image.
    static func photo(_ bytes: [UInt8]) throws -> (bytes: [UInt8], ext: String) {
        guard !bytes.isEmpty else { throw APIError(.badRequest, "empty_photo", "The photo is empty.") }
        guard let format = PhotoDecoder.sniffedFormat(bytes) else {
            throw APIError(.unsupportedMediaType, "not_an_image",
                           "The upload is not an image (its content has no JPEG, PNG or WebP signature). Upload a photo in one of those formats.")
        }
        guard format.decodable else {
            throw APIError(.unsupportedMediaType, "unsupported_image",
                           "The upload is a \(format.name) image, which is not supported. Convert it to JPEG or PNG first.")
        }
        return (bytes, format.name == "jpeg" ? "jpg" : format.name)
    }

    /// Writes bytes under a temporary name in `tmp/` and renames them into place.
    static func write(_ bytes: [UInt8], to url: URL, temporary: URL) throws {
        let temp = temporary.appendingPathComponent(Secrets.id("upload"))
        try Data(bytes).write(to: temp)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
