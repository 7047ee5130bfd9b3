import Foundation

/// Finds model files that the bootstrap fetched (the ones Debian does not ship).
///
/// Looked for, in order: `$FACECAST_MODELS/`, `.cache/models/` in the current directory and in every folder above
/// the running executable (a development checkout), `~/.cache/facecast/models/`, `/usr/local/share/facecast/models/`.
public enum Models {
    public static let faceDescriptor = "dlib_face_recognition_resnet_model_v1.dat"

    public static func locate(_ name: String) -> String? {
        candidates(for: name).first { FileManager.default.isReadableFile(atPath: $0) }
    }

    static func candidates(for name: String) -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["FACECAST_MODELS"], !env.isEmpty { dirs.append(env) }
        dirs.append(FileManager.default.currentDirectoryPath + "/.cache/models")
        var dir = (Bundle.main.executableURL ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/x"))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(dir.appendingPathComponent(".cache/models").path)
            dir = dir.deletingLastPathComponent()
        }
        dirs.append(NSHomeDirectory() + "/.cache/facecast/models")
        dirs.append("/usr/local/share/facecast/models")
        return dirs.map { "\($0)/\(name)" }
    }
}
