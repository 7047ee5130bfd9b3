/// One `Range: bytes=…` request (RFC 9110 §14.1.2), resolved against a file size.
/// Only single ranges are served; a multi-range request is answered with the whole file, as the RFC allows.
public enum ByteRange: Sendable, Equatable {
    /// Serve everything with 200 (no header, a multi-range or a header we ignore).
    case whole
    /// Serve these bytes with 206.
    case partial(ClosedRange<Int>)
    /// 416: the range starts beyond the end.
    case unsatisfiable

    public static func resolve(header: String?, size: Int) -> ByteRange {
        guard let header else { return .whole }
        let h = header.trimmingSpaces()
        guard h.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = h.dropFirst(6)
        guard !spec.contains(",") else { return .whole }
        let sides = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard sides.count == 2 else { return .whole }
        if sides[0].isEmpty {
            // Suffix: the last N bytes.
            guard let n = Int(sides[1]), n > 0 else { return .unsatisfiable }
            guard size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - n)...(size - 1))
        }
        guard let start = Int(sides[0]), start >= 0 else { return .whole }
        guard start < size else { return .unsatisfiable }
        if sides[1].isEmpty { return .partial(start...(size - 1)) }
        guard let end = Int(sides[1]), end >= start else { return .whole }
        return .partial(start...min(end, size - 1))
    }
}
