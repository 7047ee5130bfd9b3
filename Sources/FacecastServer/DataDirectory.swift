import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The layout of `--data DIR`. Every stored file is named by the server, never by the client:
///   facecast.sqlite                      the job store
///   avatars/<avatar id>/photo.<ext>      an uploaded photo (extension from its sniffed format)
///   avatars/<avatar id>/preview.png      the landmarks preview
///   jobs/<job id>/photo.<ext>            the job's own copy (hard link) of its photo
///   jobs/<job id>/video.mp4, poster.jpg, captions.vtt, timeline.json   outputs, each moved into place whole
public struct DataDirectory: Sendable {
    public let root: URL

    public init(_ path: String) throws {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        for sub in ["", "avatars", "jobs", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    public var databasePath: String { root.appendingPathComponent("facecast.sqlite").path }
    public var temporary: URL { root.appendingPathComponent("tmp") }
    public func avatar(_ id: String) -> URL { root.appendingPathComponent("avatars/\(id)") }
    public func job(_ id: String) -> URL { root.appendingPathComponent("jobs/\(id)") }

    /// Holds an exclusive lock on the directory for the life of the process, so two servers never share one
    /// embedded store (which is what makes "every rendering job is orphaned after a restart" true).
    public func lock() throws -> DirectoryLock { try DirectoryLock(path: root.appendingPathComponent(".lock").path) }
}

/// An exclusive `flock` on a file, released when the process ends (also on SIGKILL) or on deinit.
public final class DirectoryLock: Sendable {
    private let fd: Int32

    public struct Busy: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "Another facecast server is already using this data directory (\(path) is locked). Stop it or use another --data."
        }
    }

    init(path: String) throws {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Busy(path: (path as NSString).deletingLastPathComponent)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
