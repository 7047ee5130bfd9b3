/// One labelled span of a human (or reference) annotation.
public struct LabeledInterval: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    public var label: String

    public init(start: Double, end: Double, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }
}

/// Phone and word annotations of a recording.
public struct LabelSet: Sendable, Hashable {
    public var phones: [LabeledInterval]
    public var words: [LabeledInterval]

    public init(phones: [LabeledInterval], words: [LabeledInterval]) {
        self.phones = phones
        self.words = words
    }
}

public enum LabelParseError: Error, Equatable, Sendable {
    /// Line number (1-based) and what was expected there.
    case malformed(line: Int, expected: String)
    case noPhoneTier(tiers: [String])
}
