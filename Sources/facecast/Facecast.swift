import ArgumentParser
import FacecastEngine
import Foundation

@main
struct Facecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facecast",
        abstract: "Turn one portrait photo and a script into a lip-synced talking video, offline.",
        discussion: """
            Everything runs on this machine: no photo, text or voice leaves it. Every video is marked as \
            AI-generated (a visible label, on by default, and a note in the file's metadata).

            Exit codes: 0 success · 2 bad input file (missing, not an image, corrupt, too large) · \
            3 no usable face · 4 speech problem (empty script, unknown voice) · 5 output cannot be written · \
            6 ffmpeg failed · 7 internal engine error · 64 bad command-line usage.
            """,
        subcommands: [Render.self, QA.self, Analyze.self, Voices.self, Align.self, Serve.self, Keys.self]
    )
}

/// Prints a FacecastError the way a person wants to read it and exits with its documented code.
func fail(_ error: Error) -> ExitCode {
    let e = FacecastError.wrap(error)
    FileHandle.standardError.write(Data("facecast: error: \(e.message)\n".utf8))
    return ExitCode(e.exitCode)
}
