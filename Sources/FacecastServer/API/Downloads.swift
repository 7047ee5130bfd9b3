import FacecastCore
import Foundation
import HTTPTypes
import Hummingbird

/// Sending stored files, with single byte-range requests (206 / 416) for seeking in videos.
enum Downloads {
    static func file(_ path: String, type: String, request: Request, context: FacecastContext, missing: String,
                     filename: String? = nil) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else {
            throw APIError(.notFound, "not_found", missing)
        }
        var headers: HTTPFields = [.contentType: type, .acceptRanges: "bytes"]
        if let filename { headers[.contentDisposition] = "inline; filename=\"\(filename)\"" }
        let fileIO = FileIO()
        switch ByteRange.resolve(header: request.headers[.range], size: size) {
        case .whole:
            headers[.contentLength] = "\(size)"
            return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context))
        case .partial(let range):
            headers[.contentLength] = "\(range.count)"
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            return Response(status: .partialContent, headers: headers,
                            body: try await fileIO.loadFile(path: path, range: range, context: context))
        case .unsatisfiable:
            let error = APIError(.rangeNotSatisfiable, "bad_range", "The requested range is outside the file (\(size) bytes).")
            var response = try error.response(from: request, context: context)
            response.headers[.contentRange] = "bytes */\(size)"
            return response
        }
    }
}

extension APIRoutes {
    func finishedJob(_ context: FacecastContext) async throws -> JobRecord {
        let id = try Self.id(context)
        guard let job = try await store.job(id: id, tenant: try Self.tenant(context)) else { throw APIError.notFound("video", id) }
        guard job.lifecycle.status == .done else {
            throw APIError(.conflict, "not_ready",
                           "Video \(id) is \(job.lifecycle.status.rawValue), not done; its files are not available. Follow /v1/videos/\(id)/events.")
        }
        return job
    }

    @Sendable func downloadVideo(_ request: Request, context: FacecastContext) async throws -> Response {
        let job = try await finishedJob(context)
        return try await Downloads.file(data.job(job.id).appendingPathComponent("video.mp4").path, type: "video/mp4",
                                        request: request, context: context, missing: "The video file of \(job.id) is missing.",
                                        filename: "\(job.id).mp4")
    }

    @Sendable func downloadPoster(_ request: Request, context: FacecastContext) async throws -> Response {
        let job = try await finishedJob(context)
        return try await Downloads.file(data.job(job.id).appendingPathComponent("poster.jpg").path, type: "image/jpeg",
                                        request: request, context: context, missing: "The poster of \(job.id) is missing.")
    }

    @Sendable func downloadCaptions(_ request: Request, context: FacecastContext) async throws -> Response {
        let job = try await finishedJob(context)
        let path = data.job(job.id).appendingPathComponent("captions.vtt").path
        return try await Downloads.file(path, type: "text/vtt; charset=utf-8", request: request, context: context,
                                        missing: "Video \(job.id) has no captions: it was created with options.captions = false, or it is not done yet.")
    }
}
