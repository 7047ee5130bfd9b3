import FacecastServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenAPITests {
    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() async throws {
        let t = try await TestServer.make()
        let registered = Set(t.server.router().routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
        #expect(registered.count >= 17)
        let doc = try await t.test { client in
            try await client.execute(uri: "/openapi.json", method: .get) { r in
                #expect(r.status == .ok)
                return try json(r.body)
            }
        }
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "post", "put", "delete", "patch", "head", "options"]
        var documented = Set<String>()
        for (path, item) in paths {
            for (key, operation) in item where methods.contains(key) {
                documented.insert("\(key) \(path)")
                let op = try #require(operation as? [String: Any], "\(key) \(path)")
                #expect(op["operationId"] is String, "\(key) \(path) has no operationId")
                #expect((op["responses"] as? [String: Any])?.isEmpty == false, "\(key) \(path) has no responses")
            }
        }
        #expect(registered.subtracting(documented).isEmpty, "routes missing from openapi.json: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented but not served: \(documented.subtracting(registered).sorted())")
        // Every $ref points at something that exists.
        let components = try #require(doc["components"] as? [String: [String: Any]])
        var refs: [String] = []
        func walk(_ value: Any) {
            if let d = value as? [String: Any] {
                if let ref = d["$ref"] as? String { refs.append(ref) }
                d.values.forEach(walk)
            } else if let a = value as? [Any] {
                a.forEach(walk)
            }
        }
        walk(doc)
        #expect(refs.count > 20)
        for ref in refs {
            let parts = ref.split(separator: "/").map(String.init)
            #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components" && components[parts[2]]?[parts[3]] != nil,
                    "dangling $ref \(ref)")
        }
    }
}

