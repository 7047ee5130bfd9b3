import Foundation
import Testing
@testable import FacecastCore

/// A named expression or head pose for the golden frames.
struct GoldenPose: Sendable, CustomTestStringConvertible {
    let name: String
    let params: RigParams
    /// The pose this one must visibly differ from: neutral, or for pressed lips the same jaw without the press
    /// (on a closed-mouth photo pressed lips are, rightly, nearly the neutral mouth).
    let contrast: RigParams
    var testDescription: String { name }

    init(_ name: String, _ values: [(WritableKeyPath<RigParams, Double>, Double)],
         contrastWithout released: WritableKeyPath<RigParams, Double>? = nil) {
        self.name = name
        var p = RigParams()
        for (key, v) in values { p[keyPath: key] = v }
        params = p
        var c = RigParams.neutral
        if let released { c = p; c[keyPath: released] = 0 }
        contrast = c
    }

    static let all: [GoldenPose] = [
        GoldenPose("neutral", []),
        GoldenPose("vowel-aa", [(\.jawOpen, 0.9), (\.upperLipRaise, 0.5)]),
        GoldenPose("pbm", [(\.jawOpen, 0.3), (\.lipPress, 1)], contrastWithout: \.lipPress),  // the press wins over the jaw
        GoldenPose("fv", [(\.jawOpen, 0.25), (\.lowerLipTuck, 1), (\.upperLipRaise, 0.3)]),
        GoldenPose("ee", [(\.jawOpen, 0.3), (\.lipsWide, 1)]),
        GoldenPose("oo", [(\.jawOpen, 0.35), (\.lipsRound, 1)]),
        GoldenPose("tongue-up", [(\.jawOpen, 0.6), (\.tongueUp, 1)]),
        GoldenPose("smile", [(\.smile, 1)]),
        GoldenPose("blink-half", [(\.blinkL, 0.5), (\.blinkR, 0.5)]),
        GoldenPose("blink-full", [(\.blinkL, 1), (\.blinkR, 1)]),
        GoldenPose("brow-raise", [(\.browRaise, 1)]),
        GoldenPose("gaze-left", [(\.gazeX, -0.8)]),
        GoldenPose("yaw+8", [(\.headYaw, 8)]),
        GoldenPose("pitch+6", [(\.headPitch, 6)]),
        GoldenPose("roll-4", [(\.headRoll, -4)]),
        GoldenPose("combined", [(\.jawOpen, 0.6), (\.lipsWide, 0.3), (\.tongueUp, 0.4), (\.smile, 0.4), (\.blinkR, 0.7),
                                (\.squint, 0.3), (\.browRaise, 0.5), (\.browFurrow, 0.3), (\.headYaw, 5),
                                (\.headPitch, -3), (\.headRoll, 2), (\.headShiftX, 0.05), (\.breath, 0.5)]),
    ]

    static func named(_ name: String) -> GoldenPose { all.first { $0.name == name }! }
}

/// The fixture faces the golden frames are rendered from.
enum GoldenFace: String, CaseIterable, Sendable {
    case closed  // RigFixture's face, mouth closed in the photo
    case openSource = "open"  // the same with a 14 px open mouth (teeth and cavity) in the photo

    var renderer: FaceRenderer { self == .closed ? RendererTests.closedRenderer : RendererTests.openRenderer }

    /// The poses checked on this face: all of them on the closed one; on the open-mouth photo those where the
    /// mouth or the whole head moves (eyes and brows render the same on both).
    var poses: [GoldenPose] {
        switch self {
        case .closed: GoldenPose.all
        case .openSource:
            ["neutral", "vowel-aa", "pbm", "fv", "ee", "oo", "tongue-up", "smile", "combined"].map(GoldenPose.named)
        }
    }

    /// The frame for these parameters, reduced to reference size.
    func reference(_ params: RigParams) -> RGBImage {
        GoldenReference.reduce(renderer.render(params), crop: renderer.rig.cropRect)
    }
}

/// Golden frames: the fixture faces rendered at named poses, cropped to the animated region and reduced to
/// 96x96, compared with the references in `Golden/` within a stated tolerance (see `GoldenReference`).
/// A mismatch leaves the actual frame, the reference and a difference image in a temporary folder and says
/// where; `FACECAST_RECORD_GOLDEN=1` (`make golden`) re-records.
@Suite struct GoldenRenderTests {
    static let cases: [(GoldenFace, GoldenPose)] = GoldenFace.allCases.flatMap { f in f.poses.map { (f, $0) } }

    static func name(_ face: GoldenFace, _ pose: GoldenPose) -> String { "\(face.rawValue)-\(pose.name)" }

    @Test(arguments: cases)
    func matchesReference(_ face: GoldenFace, _ pose: GoldenPose) {
        GoldenReference.check(face.reference(pose.params), named: Self.name(face, pose))
    }

    @Test func everyReferenceFileBelongsToAPose() {
        let folder = GoldenReference.directory.path
        let present = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ppm") }
        guard !present.isEmpty else {
            // While recording, the references may not be written yet.
            #expect(GoldenReference.recording, "No golden references in \(folder). Record them: \(GoldenReference.howToRecord)")
            return
        }
        let expected = Set(Self.cases.map { Self.name($0.0, $0.1) + ".ppm" })
        let orphans = present.filter { !expected.contains($0) }.sorted()
        #expect(orphans.isEmpty, "References for no pose (renamed or removed?): delete \(orphans) from \(folder)")
    }

    /// The tolerance must be loose enough for numerical noise and tight enough to see every pose: renders nudged
    /// by far less than any animation step stay within it, every pose differs from its contrast pose beyond it.
    @Test(arguments: GoldenFace.allCases)
    func toleranceTellsPosesApartButNotNoise(_ face: GoldenFace) {
        for pose in face.poses where pose.name != "neutral" {
            let frame = face.reference(pose.params)
            var nudged = pose.params
            nudged.jawOpen += 1e-3
            nudged.headYaw += 0.01
            nudged.blinkL = max(0, nudged.blinkL - 1e-3)
            let noise = GoldenReference.difference(face.reference(nudged), frame)
            let noiseAbsorbed = noise.withinTolerance
            #expect(noiseAbsorbed, "\(face.rawValue)-\(pose.name) nudged: \(noise.summary)")
            let change = GoldenReference.difference(frame, face.reference(pose.contrast))
            let seen = !change.withinTolerance
            #expect(seen, "\(face.rawValue)-\(pose.name) vs its contrast pose: \(change.summary)")
        }
    }
}
