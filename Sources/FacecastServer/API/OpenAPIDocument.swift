/// The OpenAPI 3.1 description served at /openapi.json. `OpenAPITests` checks that every route the router
/// registers is described here (and nothing else), so the two cannot drift apart.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Facecast",
    "version": "1.0.0",
    "description": "Turn one portrait photo and a script into a lip-synced talking MP4, rendered on this server. Every video is marked as AI-generated. Authenticate with `Authorization: Bearer <API key>` (create keys with `facecast keys create`), unless the server runs with --open on 127.0.0.1. Other tenants' ids answer 404."
  },
  "servers": [{"url": "/"}],
  "security": [{"apiKey": []}],
  "paths": {
    "/healthz": {
      "get": {"summary": "Liveness", "security": [], "operationId": "health",
        "responses": {"200": {"description": "The server is up", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}, "auth": {"type": "string", "enum": ["open", "api-key"]}}}}}}}}
    },
    "/openapi.json": {
      "get": {"summary": "This document", "security": [], "operationId": "openapi",
        "responses": {"200": {"description": "OpenAPI 3.1 JSON", "content": {"application/json": {}}}}}
    },
    "/": {
      "get": {"summary": "The web page", "security": [], "operationId": "webPage",
        "responses": {"200": {"description": "HTML", "content": {"text/html": {}}}}}
    },
    "/app.js": {
      "get": {"summary": "The web page's script", "security": [], "operationId": "webScript",
        "responses": {"200": {"description": "JavaScript", "content": {"text/javascript": {}}}}}
    },
    "/app.css": {
      "get": {"summary": "The web page's stylesheet", "security": [], "operationId": "webStylesheet",
        "responses": {"200": {"description": "CSS", "content": {"text/css": {}}}}}
    },
    "/v1/avatars": {
      "post": {
        "summary": "Upload a photo: face check, landmarks preview, avatar id",
        "operationId": "createAvatar",
        "requestBody": {"required": true, "content": {
          "multipart/form-data": {"schema": {"type": "object", "required": ["photo"], "properties": {"photo": {"type": "string", "contentMediaType": "application/octet-stream", "description": "JPEG, PNG or WebP; the content is sniffed, the file name is ignored"}}}},
          "image/jpeg": {}, "image/png": {}, "image/webp": {}}},
        "responses": {
          "201": {"description": "Avatar created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Avatar"}}}},
          "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
          "422": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/v1/avatars/{id}": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "An avatar", "operationId": "getAvatar",
        "responses": {"200": {"description": "The avatar", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Avatar"}}}},
          "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
      "delete": {"summary": "Delete an avatar (videos made from it keep their copy)", "operationId": "deleteAvatar",
        "responses": {"204": {"description": "Deleted"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/avatars/{id}/preview.png": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "The photo with the detected face box and 68 landmarks drawn", "operationId": "avatarPreview",
        "responses": {"200": {"description": "PNG", "content": {"image/png": {}}}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos": {
      "post": {
        "summary": "Queue a video",
        "operationId": "createVideo",
        "requestBody": {"required": true, "content": {
          "application/json": {"schema": {"$ref": "#/components/schemas/VideoRequest"}},
          "multipart/form-data": {"schema": {"type": "object", "required": ["request"], "properties": {
            "request": {"type": "string", "description": "VideoRequest as JSON (without avatar_id when photo is given)"},
            "photo": {"type": "string", "contentMediaType": "application/octet-stream"}}}}}},
        "responses": {
          "202": {"description": "Queued", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"type": "object", "required": ["id", "status"], "properties": {"id": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}, "url": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
          "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"},
          "429": {"$ref": "#/components/responses/Error"}}
      },
      "get": {"summary": "The 50 most recent videos", "operationId": "listVideos",
        "responses": {"200": {"description": "Videos, newest first", "content": {"application/json": {"schema": {"type": "object", "properties": {"videos": {"type": "array", "items": {"$ref": "#/components/schemas/Video"}}}}}}},
          "401": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos/{id}": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "Status, progress, error, result and webhook deliveries", "operationId": "getVideo",
        "responses": {"200": {"description": "The video", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Video"}}}},
          "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos/{id}/events": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "Server-Sent Events: `progress` on every change, then `done` or `failed`; data is the Video JSON", "operationId": "videoEvents",
        "responses": {"200": {"description": "text/event-stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos/{id}/video.mp4": {
      "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/range"}],
      "get": {"summary": "The MP4 (H.264 + AAC); single byte ranges are supported", "operationId": "downloadVideo",
        "responses": {"200": {"description": "The whole file", "content": {"video/mp4": {}}}, "206": {"description": "The requested range", "content": {"video/mp4": {}}},
          "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "416": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos/{id}/poster.jpg": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "A still frame", "operationId": "downloadPoster",
        "responses": {"200": {"description": "JPEG", "content": {"image/jpeg": {}}}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/videos/{id}/captions.vtt": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "WebVTT captions from the word timings (404 when the video was made with options.captions = false)", "operationId": "downloadCaptions",
        "responses": {"200": {"description": "WebVTT", "content": {"text/vtt": {}}}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}
    },
    "/v1/voices": {
      "get": {"summary": "Voices and languages (espeak-ng)", "operationId": "listVoices",
        "responses": {"200": {"description": "Voices", "content": {"application/json": {"schema": {"type": "object", "properties": {"voices": {"type": "array", "items": {"type": "object", "properties": {
          "id": {"type": "string"}, "name": {"type": "string"}, "language": {"type": "string"}, "languages": {"type": "array", "items": {"type": "string"}}, "gender": {"type": "string"}}}}}}}}},
          "401": {"$ref": "#/components/responses/Error"}}}
    }
  },
  "components": {
    "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer", "description": "fc_… key from `facecast keys create`"}},
    "parameters": {
      "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
      "range": {"name": "Range", "in": "header", "required": false, "schema": {"type": "string", "examples": ["bytes=0-1023"]}}
    },
    "responses": {
      "Error": {"description": "An error with a message saying what to do", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
      "Status": {"type": "string", "enum": ["queued", "rendering", "done", "failed"]},
      "Avatar": {"type": "object", "properties": {
        "id": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}, "width": {"type": "integer"}, "height": {"type": "integer"},
        "faces_found": {"type": "integer"}, "preview_url": {"type": "string"},
        "face": {"type": "object", "properties": {"box": {"type": "object", "properties": {"x": {"type": "number"}, "y": {"type": "number"}, "width": {"type": "number"}, "height": {"type": "number"}}},
          "score": {"type": "number"}, "interocular_distance": {"type": "number"}, "yaw": {"type": "number"}, "pitch": {"type": "number"}, "roll": {"type": "number"},
          "landmarks": {"type": "array", "description": "dlib's 68 points", "items": {"type": "object", "properties": {"x": {"type": "number"}, "y": {"type": "number"}}}}}}}},
      "VideoRequest": {"type": "object", "required": ["script"], "properties": {
        "avatar_id": {"type": "string"},
        "script": {"type": "object", "properties": {"text": {"type": "string", "maxLength": 5000}, "voice": {"type": "string", "default": "en-us"}, "language": {"type": "string"}, "audio_url": {"type": "string", "description": "not supported yet (422)"}}},
        "options": {"type": "object", "properties": {"size": {"type": "integer", "minimum": 128, "maximum": 1920, "default": 1280}, "framing": {"type": "string", "enum": ["photo", "crop"], "default": "photo"},
          "fps": {"type": "integer", "minimum": 10, "maximum": 60, "default": 25}, "seed": {"type": "integer", "default": 1}, "captions": {"type": "boolean", "default": true}, "label": {"type": "boolean", "default": true}}},
        "webhook_url": {"type": "string", "format": "uri"}}},
      "Video": {"type": "object", "required": ["id", "status", "progress"], "properties": {
        "id": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}, "progress": {"type": "number", "minimum": 0, "maximum": 1},
        "error": {"type": "string"}, "attempts": {"type": "integer"}, "created_at": {"type": "string"}, "finished_at": {"type": "string"}, "avatar_id": {"type": "string"},
        "script": {"type": "object"}, "options": {"type": "object"},
        "result": {"type": "object", "properties": {"width": {"type": "integer"}, "height": {"type": "integer"}, "fps": {"type": "integer"}, "frames": {"type": "integer"},
          "duration": {"type": "number"}, "render_seconds": {"type": "number"}, "bytes": {"type": "integer"}, "captions": {"type": "boolean"}, "poster": {"type": "boolean"}}},
        "links": {"type": "object", "properties": {"video": {"type": "string"}, "poster": {"type": "string"}, "captions": {"type": "string"}}},
        "webhook": {"type": "object", "properties": {"url": {"type": "string"}, "delivered": {"type": "boolean"}, "attempts": {"type": "array", "items": {"type": "object"}}}}}}
    }
  }
}
"""#
}
