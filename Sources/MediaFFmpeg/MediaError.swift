/// Failures of the media tools, with what to do about them.
public enum MediaError: Error, Sendable, CustomStringConvertible {
    case toolMissing(String)
    case toolFailed(tool: String, status: Int32, log: String)
    case pipeClosed(tool: String, log: String)
    case badOutput(String)

    public var description: String {
        switch self {
        case .toolMissing(let tool):
            return "\(tool) was not found on PATH. Run `make bootstrap` (or `apt-get install ffmpeg`)."
        case .toolFailed(let tool, let status, let log):
            return "\(tool) exited with status \(status): \(log.suffix(600))"
        case .pipeClosed(let tool, let log):
            return "\(tool) stopped reading frames early: \(log.suffix(600))"
        case .badOutput(let message):
            return message
        }
    }
}
