import Foundation

/// Checks and commits output files: never a half-written file at the destination.
enum OutputPath {
    /// Fails early, before any work, if the destination cannot be written.
    static func check(_ url: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw FacecastError(.output, "Output \(url.path) is a folder. Give a file name such as \(url.path)/video.mp4.")
        }
        let dir = url.deletingLastPathComponent()
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw FacecastError(.output, "Cannot write \(url.path): the folder \(dir.path) does not exist. Create it first.")
        }
        guard fm.isWritableFile(atPath: dir.path) else {
            throw FacecastError(.output, "Cannot write \(url.path): no permission to write in \(dir.path).")
        }
    }

    /// Atomically moves the finished temporary file into place.
    static func commit(temp: URL, to destination: URL) throws {
        guard rename(temp.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw FacecastError(.output, "Cannot move the finished video to \(destination.path): \(reason).")
        }
    }
}
