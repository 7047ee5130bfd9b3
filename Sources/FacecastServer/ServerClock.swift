import Foundation

/// The server's notion of now (seconds since 1970), injected so lifecycle and lease logic can be tested.
public struct ServerClock: Sendable {
    public var now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) { self.now = now }

    public static let system = ServerClock { Date().timeIntervalSince1970 }
}
