import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses in the API's encoding (snake_case keys).
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.encoder().encode(value))))
    }

    /// Decodes a JSON request body, with 400/415 errors that say what was wrong.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return try JSONCoding.decoder().decode(type, from: Data(body))
        } catch DecodingError.keyNotFound(let key, let ctx) {
            throw APIError(.badRequest, "bad_json", "Missing field `\(path(ctx.codingPath + [key]))`.")
        } catch DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx) {
            throw APIError(.badRequest, "bad_json", "Field `\(path(ctx.codingPath))` has the wrong type: \(ctx.debugDescription)")
        } catch {
            throw APIError(.badRequest, "bad_json", "The body is not valid JSON for this endpoint (\(error.localizedDescription)).")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.stringValue.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1_$2", options: .regularExpression).lowercased() }
            .joined(separator: ".")
    }
}
