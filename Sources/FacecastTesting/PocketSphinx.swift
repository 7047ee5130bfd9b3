import Foundation

/// The CMU Sphinx speech recogniser (Debian `pocketsphinx` + `pocketsphinx-en-us`), run as `pocketsphinx_batch` over
/// many WAV files with one model load. Used to measure how intelligible a voice is.
public enum PocketSphinx {
    public static let model = "/usr/share/pocketsphinx/model/en-us"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Transcribes 16 kHz mono 16-bit WAV files (44-byte header); returns one lower-case transcript per file.
    public static func transcribe(wavFiles: [String]) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pocketsphinx_batch"),
              FileManager.default.fileExists(atPath: model + "/en-us.lm.bin") else {
            throw Failure(description: "pocketsphinx_batch or its US English model is missing. Run `make bootstrap` (Debian pocketsphinx, pocketsphinx-en-us).")
        }
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var ids: [String] = []
        for (i, file) in wavFiles.enumerated() {
            let id = String(format: "u%03d", i)
            try FileManager.default.copyItem(atPath: file, toPath: dir.appendingPathComponent(id + ".wav").path)
            ids.append(id)
        }
        let control = dir.appendingPathComponent("list.ctl")
        try (ids.joined(separator: "\n") + "\n").write(to: control, atomically: true, encoding: .utf8)
        let hyp = dir.appendingPathComponent("out.hyp")
        let run = try Fixtures.runCLI([
            "-adcin", "yes", "-adchdr", "44", "-cepdir", dir.path, "-cepext", ".wav", "-ctl", control.path,
            "-hmm", model + "/en-us", "-lm", model + "/en-us.lm.bin", "-dict", model + "/cmudict-en-us.dict",
            "-hyp", hyp.path, "-logfn", "/dev/null",
        ], executable: "/usr/bin/pocketsphinx_batch")
        guard run.status == 0, let text = try? String(contentsOf: hyp, encoding: .utf8) else {
            throw Failure(description: "pocketsphinx_batch failed (\(run.status)): \(run.stderr.suffix(500))")
        }
        // Lines: "words words (u000 -12345)".
        var byId: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let open = line.lastIndex(of: "(") else { continue }
            let id = line[line.index(after: open)...].split(separator: " ").first.map(String.init) ?? ""
            byId[id] = line[..<open].trimmingCharacters(in: .whitespaces)
        }
        return ids.map { byId[$0] ?? "" }
    }
}
