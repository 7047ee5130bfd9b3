import Hummingbird
import Logging

/// The per-request context: Hummingbird's core storage plus who is asking and the request id.
public struct FacecastContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The tenant the API key belongs to (or the local tenant in `--open` mode); nil before authentication.
    public var tenant: String?
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
