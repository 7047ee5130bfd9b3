/// A parsed `multipart/form-data` body (RFC 7578): the parts in order, each with its field name,
/// the client's file name (informational only, never used to name anything) and its bytes.
public struct MultipartForm: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part]

    public enum ParseError: Error, Sendable, Equatable {
        case missingBoundary
        case malformed(String)
    }

    /// The first part with this field name.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary parameter of a `multipart/form-data; boundary=…` content type.
    public static func boundary(fromContentType contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingSpaces() }
        guard let first = pieces.first, first.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].hasPrefix("\"") && kv[1].hasSuffix("\"") && kv[1].count >= 2
                    ? String(kv[1].dropFirst().dropLast()) : kv[1]
                return b.isEmpty ? nil : b
            }
        }
        return nil
    }

    public init(parts: [Part]) { self.parts = parts }

    /// Parses a body with the given boundary.
    public init(body: [UInt8], boundary: String) throws {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else {
            throw ParseError.malformed("the body does not contain the boundary")
        }
        var parts: [Part] = []
        let crlf: [UInt8] = [13, 10]
        while true {
            position += delimiter.count
            // "--" after a delimiter ends the body.
            if body.count >= position + 2, body[position] == 45, body[position + 1] == 45 { break }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else {
                throw ParseError.malformed("a boundary line is not followed by CRLF")
            }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position) else {
                throw ParseError.malformed("a part has no blank line after its headers")
            }
            let headerText = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find(crlf + delimiter, in: body, from: contentStart) else {
                throw ParseError.malformed("the last part is not terminated by the boundary")
            }
            var part = Part(name: "", filename: nil, contentType: nil, body: Array(body[contentStart..<next]))
            for line in headerText.split(separator: "\r\n") {
                let kv = line.split(separator: ":", maxSplits: 1)
                guard kv.count == 2 else { continue }
                let key = kv[0].lowercased().trimmingSpaces()
                let value = String(kv[1]).trimmingSpaces()
                if key == "content-disposition" {
                    part.name = Self.parameter("name", in: value) ?? ""
                    part.filename = Self.parameter("filename", in: value)
                } else if key == "content-type" {
                    part.contentType = value
                }
            }
            guard !part.name.isEmpty else { throw ParseError.malformed("a part has no field name") }
            parts.append(part)
            position = next + 2
        }
        self.parts = parts
    }

    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard kv.count == 2, kv[0].lowercased() == name else { continue }
            var v = kv[1]
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
