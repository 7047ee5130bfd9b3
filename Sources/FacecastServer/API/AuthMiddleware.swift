import Foundation
import HTTPTypes
import Hummingbird

/// API-key authentication for `/v1`: `Authorization: Bearer fc_…` or `X-API-Key: fc_…`.
/// Keys are looked up by their public id and compared by SHA-256 hash in constant time.
/// In `--open` mode every request belongs to the local tenant.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = FacecastContext
    let store: any JobStore
    let open: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if open {
            context.tenant = ServerConfiguration.openTenant
            return try await next(request, context)
        }
        guard let presented = Self.presentedKey(request.headers) else {
            throw APIError(.unauthorized, "missing_api_key",
                           "This endpoint needs an API key: send `Authorization: Bearer <key>`. Create one with `facecast keys create --tenant NAME`.")
        }
        guard let tenant = try await APIKeys.tenant(for: presented, store: store) else {
            throw APIError(.unauthorized, "invalid_api_key", "The API key is not valid or has been revoked.")
        }
        context.tenant = tenant
        return try await next(request, context)
    }

    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let auth = headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            return String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        if let name = HTTPField.Name("X-API-Key"), let key = headers[name] { return key.trimmingCharacters(in: .whitespaces) }
        return nil
    }
}
