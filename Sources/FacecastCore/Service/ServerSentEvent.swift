/// One Server-Sent Event (the `text/event-stream` format of the HTML standard).
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String?
    public var data: String
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// The wire form: `event:`/`id:` lines, one `data:` line per data line, a blank line.
    public var encoded: String {
        var out = ""
        if let id { out += "id: \(id)\n" }
        if let event { out += "event: \(event)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { out += "data: \(line)\n" }
        return out + "\n"
    }

    /// Parses a stream's text into events (what a client does); incomplete trailing events are left out.
    public static func parse(_ text: String) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        let normalized = text.replacingCRLF()
        for block in normalized.components(separatedByBlankLines: ()) {
            var event = ServerSentEvent(data: "")
            var dataLines: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix(":") { continue }
                let kv = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(kv[0])
                var value = kv.count > 1 ? String(kv[1]) : ""
                if value.hasPrefix(" ") { value.removeFirst() }
                switch key {
                case "event": event.event = value
                case "data": dataLines.append(value)
                case "id": event.id = value
                default: break
                }
            }
            guard !dataLines.isEmpty else { continue }
            event.data = dataLines.joined(separator: "\n")
            events.append(event)
        }
        return events
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        String(unicodeScalars.reduce(into: String.UnicodeScalarView()) { out, s in if s != "\r" { out.append(s) } })
    }

    /// Complete blocks separated by "\n\n" (a trailing block without its blank line is incomplete and dropped).
    fileprivate func components(separatedByBlankLines: ()) -> [String] {
        var blocks: [String] = []
        var current = ""
        var previousNewline = false
        for c in self {
            if c == "\n" && previousNewline {
                blocks.append(current)
                current = ""
                previousNewline = false
                continue
            }
            previousNewline = c == "\n"
            current.append(c)
        }
        return blocks
    }
}
