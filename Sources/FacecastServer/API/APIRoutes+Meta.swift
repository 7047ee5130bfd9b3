import FacecastEngine
import Foundation
import Hummingbird
import NIOCore

extension APIRoutes {
    /// GET /v1/voices: espeak-ng's voices; `language` is what to send as script.voice.
    @Sendable func voices(_ request: Request, context: FacecastContext) async throws -> Response {
        struct Voice: Encodable { var id: String; var name: String; var language: String; var languages: [String]; var gender: String }
        struct List: Encodable { var voices: [Voice] }
        let voices = try engine.voices().compactMap { v -> Voice? in
            guard let language = v.languages.first else { return nil }
            return Voice(id: v.identifier, name: v.name.replacingOccurrences(of: "_", with: " "), language: language,
                         languages: v.languages, gender: v.gender)
        }.sorted { $0.name < $1.name }
        return try JSONResponse.make(List(voices: voices))
    }
}

/// Routes outside `/v1`: health, the OpenAPI document and the web page.
struct PublicRoutes: Sendable {
    let config: ServerConfiguration

    func register(on router: Router<FacecastContext>) {
        router.get("healthz") { _, _ in
            try JSONResponse.make(["status": "ok", "auth": config.open ? "open" : "api-key"])
        }
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/") { _, _ in Self.asset(WebPage.html, type: "text/html; charset=utf-8") }
        router.get("app.js") { _, _ in Self.asset(WebPage.script, type: "text/javascript; charset=utf-8") }
        router.get("app.css") { _, _ in Self.asset(WebPage.stylesheet, type: "text/css; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
