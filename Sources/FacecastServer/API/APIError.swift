import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error a client sees: an HTTP status, a stable machine code and a message saying what to do.
/// The body is `{"error": {"code": "…", "message": "…"}}`.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ["error": ["code": code, "message": message]]
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(.notFound, "not_found", "No \(what) with id \(id) exists for this API key.")
    }
}
