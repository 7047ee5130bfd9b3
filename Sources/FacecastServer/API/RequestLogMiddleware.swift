import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the client's `X-Request-Id` if it is sane, otherwise a new one), puts it in
/// the logger's metadata and the response headers, and logs one line per request with status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = FacecastContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let given = request.headers[Self.header] ?? ""
        let id = (1...64).contains(given.count) && given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            ? given : Secrets.id("req")
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string("\(error)")])
            response = try APIError(.internalServerError, "internal", "The server failed unexpectedly (request \(id)).")
                .response(from: request, context: context)
        }
        response.headers[Self.header] = id
        let ms = (ContinuousClock.now - start) / .milliseconds(1)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code), "ms": .string(String(format: "%.1f", ms)),
        ])
        return response
    }
}
