import Foundation

/// A neural (Piper VITS) voice the bootstrap installs, and where its prepared files are.
public struct NeuralVoice: Sendable, Hashable {
    /// Our id for the voice, used as `neural:<name>` on the command line.
    public var name: String
    /// The folder the bootstrap prepares under .deps/voices/.
    public var folder: String
    public var language: String
    public var gender: String
    public var description: String

    /// The voices the bootstrap installs.
    public static let all: [NeuralVoice] = [
        NeuralVoice(name: "joe", folder: "en_US-joe-medium", language: "en-us", gender: "male",
                    description: "Joe (US English, Piper VITS medium)"),
    ]

    /// The prepared files: model.onnx (with sherpa-onnx's metadata), tokens.txt, config.json.
    public struct Files: Sendable, Hashable {
        public var directory: String
        public var model: String { directory + "/model.onnx" }
        public var tokens: String { directory + "/tokens.txt" }
        public var config: String { directory + "/config.json" }
    }

    /// Finds the voice's folder: `$FACECAST_VOICES/<folder>`, then `.deps/voices/<folder>` in the current directory and
    /// in every folder above the running executable (a development checkout), then `/usr/local/share/facecast/voices`.
    public func locate() throws -> Files {
        let dirs = Self.searchPaths()
        for dir in dirs {
            let files = Files(directory: dir + "/" + folder)
            if FileManager.default.isReadableFile(atPath: files.model), FileManager.default.isReadableFile(atPath: files.tokens),
               FileManager.default.isReadableFile(atPath: files.config) {
                return files
            }
        }
        throw NeuralVoiceError.notInstalled(voice: name, searched: dirs)
    }

    public var isInstalled: Bool { (try? locate()) != nil }

    static func searchPaths() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["FACECAST_VOICES"], !env.isEmpty { dirs.append(env) }
        dirs.append(FileManager.default.currentDirectoryPath + "/.deps/voices")
        var dir = (Bundle.main.executableURL ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/x"))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(dir.appendingPathComponent(".deps/voices").path)
            dir = dir.deletingLastPathComponent()
        }
        dirs.append("/usr/local/share/facecast/voices")
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }
}
