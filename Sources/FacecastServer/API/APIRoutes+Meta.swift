import FacecastEngine
import Foundation
import Hummingbird
import NIOCore

extension APIRoutes {
    /// GET /v1/voices: every voice (the neural English voice and espeak-ng's); `id` is what to send as script.voice.
    @Sendable func voices(_ request: Request, context: FacecastContext) async throws -> Response {
        struct Voice: Encodable { var id: String; var name: String; var language: String; var languages: [String]; var gender: String; var engine: String }
        struct List: Encodable { var voices: [Voice] }
        let voices = try engine.availableVoices().map { v in
            Voice(id: v.id, name: v.name.replacingOccurrences(of: "_", with: " "), language: v.language,
                  languages: v.languages, gender: v.gender, engine: v.engine == .neural ? "neural" : "formant")
        }.sorted { ($0.engine == "neural" ? 0 : 1, $0.name) < ($1.engine == "neural" ? 0 : 1, $1.name) }
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
