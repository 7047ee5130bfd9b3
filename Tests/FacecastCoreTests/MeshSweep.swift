@testable import FacecastCore

/// Parameter draws for the property sweeps: every control over the rig's full accepted range (its clamps in
/// `Rig.pose`) and a little beyond (that checks the clamps), endpoints over-sampled; draws limited to what the
/// performance layer can produce; and hand-picked extreme combinations.
enum MeshSweep {
    struct Control {
        let name: String
        let key: WritableKeyPath<RigParams, Double>
        let lo: Double
        let hi: Double
    }

    /// The accepted range of every control (head motion up to the rig's clamps, `Rig.maxYaw` etc.).
    static var controls: [Control] {
        [Control(name: "jawOpen", key: \.jawOpen, lo: 0, hi: 1.25),
         Control(name: "lipsWide", key: \.lipsWide, lo: -0.6, hi: 1.25),
         Control(name: "lipsRound", key: \.lipsRound, lo: 0, hi: 1.25),
         Control(name: "lipPress", key: \.lipPress, lo: 0, hi: 1),
         Control(name: "upperLipRaise", key: \.upperLipRaise, lo: 0, hi: 1),
         Control(name: "lowerLipTuck", key: \.lowerLipTuck, lo: 0, hi: 1),
         Control(name: "tongueUp", key: \.tongueUp, lo: 0, hi: 1),
         Control(name: "smile", key: \.smile, lo: -0.4, hi: 1.25),
         Control(name: "blinkL", key: \.blinkL, lo: 0, hi: 1),
         Control(name: "blinkR", key: \.blinkR, lo: 0, hi: 1),
         Control(name: "squint", key: \.squint, lo: 0, hi: 1),
         Control(name: "browRaise", key: \.browRaise, lo: -0.5, hi: 1.25),
         Control(name: "browFurrow", key: \.browFurrow, lo: 0, hi: 1.25),
         Control(name: "gazeX", key: \.gazeX, lo: -1, hi: 1),
         Control(name: "gazeY", key: \.gazeY, lo: -1, hi: 1),
         Control(name: "headYaw", key: \.headYaw, lo: -Rig.maxYaw, hi: Rig.maxYaw),
         Control(name: "headPitch", key: \.headPitch, lo: -Rig.maxPitch, hi: Rig.maxPitch),
         Control(name: "headRoll", key: \.headRoll, lo: -Rig.maxRoll, hi: Rig.maxRoll),
         Control(name: "headShiftX", key: \.headShiftX, lo: -Rig.maxShift, hi: Rig.maxShift),
         Control(name: "headShiftY", key: \.headShiftY, lo: -Rig.maxShift, hi: Rig.maxShift),
         Control(name: "breath", key: \.breath, lo: 0, hi: 1.5),
         Control(name: "photoMouth", key: \.photoMouth, lo: 0, hi: 1)]
    }

    /// Head bounds the performance layer can reach (its ±8°/±6°/±4°/±0.1 soft limits at the largest
    /// headMotion scale, 1.5x); `Performance+Head.swift`.
    static let performanceHead: [String: Double] = [
        "headYaw": 12, "headPitch": 9, "headRoll": 6, "headShiftX": 0.15, "headShiftY": 0.15,
    ]

    static func random(_ rng: inout SeededRandom, performance: Bool = false) -> RigParams {
        var p = RigParams()
        for c in controls {
            var (lo, hi) = (c.lo, c.hi)
            if performance, let bound = performanceHead[c.name] { (lo, hi) = (-bound, bound) }
            let pick = rng.unit(), t = rng.unit()
            // 1/8 low end, 1/8 high end, else uniform over the range widened by 5% each side.
            p[keyPath: c.key] = pick < 0.125 ? lo : pick < 0.25 ? hi : lo + (hi - lo) * (1.1 * t - 0.05)
        }
        return p
    }

    static func params(_ values: [(WritableKeyPath<RigParams, Double>, Double)]) -> RigParams {
        var p = RigParams()
        for (key, v) in values { p[keyPath: key] = v }
        return p
    }

    /// Corners of the parameter space that random draws rarely hit all at once.
    static var extremes: [RigParams] {
        [
            params([(\.jawOpen, 1), (\.lipPress, 1), (\.blinkL, 1), (\.blinkR, 1), (\.headYaw, Rig.maxYaw)]),
            params([(\.jawOpen, 1), (\.lipPress, 1), (\.blinkL, 1), (\.blinkR, 1), (\.headYaw, -Rig.maxYaw), (\.headPitch, Rig.maxPitch)]),
            params([(\.jawOpen, 1.25), (\.lipsWide, 1.25), (\.smile, 1.25), (\.upperLipRaise, 1), (\.headYaw, Rig.maxYaw),
                    (\.headPitch, -Rig.maxPitch), (\.headRoll, Rig.maxRoll)]),
            params([(\.jawOpen, 1.25), (\.lipsRound, 1.25), (\.lowerLipTuck, 1), (\.upperLipRaise, 1),
                    (\.tongueUp, 1), (\.headPitch, Rig.maxPitch)]),
            params([(\.lipsWide, -0.6), (\.smile, -0.4), (\.browRaise, -0.5), (\.headYaw, -Rig.maxYaw), (\.headRoll, -Rig.maxRoll)]),
            params([(\.jawOpen, 0.6), (\.lipsWide, 1.25), (\.lipsRound, 1.25), (\.smile, 1.25), (\.squint, 1),
                    (\.browRaise, 1.25), (\.browFurrow, 1.25), (\.blinkL, 1), (\.breath, 1.5)]),
            params([(\.lowerLipTuck, 1), (\.jawOpen, 0.2), (\.blinkR, 1), (\.squint, 1), (\.headShiftX, 0.3),
                    (\.headShiftY, -0.3), (\.breath, 1.5)]),
            params([(\.jawOpen, 1.25), (\.headYaw, Rig.maxYaw), (\.headPitch, Rig.maxPitch), (\.headRoll, Rig.maxRoll), (\.headShiftX, -0.3),
                    (\.headShiftY, 0.3)]),
            // The performance layer's head limits all at once, with a closed mouth and eyes, then open.
            params([(\.lipPress, 1), (\.blinkL, 1), (\.blinkR, 1), (\.headYaw, 12), (\.headPitch, 9), (\.headRoll, 6),
                    (\.headShiftX, 0.15), (\.headShiftY, 0.15)]),
            params([(\.jawOpen, 1), (\.upperLipRaise, 1), (\.headYaw, -12), (\.headPitch, -9), (\.headRoll, -6),
                    (\.headShiftX, -0.15), (\.headShiftY, -0.15)]),
        ]
    }

    struct Draw: Sendable {
        /// Which family the draw comes from, for messages.
        let kind: String
        let params: RigParams
    }

    /// The extremes, `count` draws over the accepted ranges and `performanceCount` within the performance
    /// layer's head bounds; the same for every property, different per rig.
    static func draws(for c: MeshRigCase, count: Int = 300, performanceCount: Int = 100) -> [Draw] {
        var rng = SeededRandom(seed: 0x6D65_7368 &+ UInt64(MeshRigCase.allCases.firstIndex(of: c)!))
        return extremes.map { Draw(kind: "extreme", params: $0) }
            + (0..<count).map { _ in Draw(kind: "accepted range", params: random(&rng)) }
            + (0..<performanceCount).map { _ in Draw(kind: "performance range", params: random(&rng, performance: true)) }
    }

    /// The controls that differ from neutral, for failure messages.
    static func describe(_ p: RigParams) -> String {
        let parts = controls.compactMap { c -> String? in
            let v = p[keyPath: c.key]
            return v == 0 ? nil : "\(c.name) \((v * 1000).rounded() / 1000)"
        }
        return parts.isEmpty ? "neutral" : parts.joined(separator: ", ")
    }

    /// A smaller reproducer of a failure, as property-testing libraries shrink: drop every control that is not
    /// needed for `fails`, then scale the rest down together as far as it still fails.
    static func shrink(_ p: RigParams, _ fails: (RigParams) -> Bool) -> RigParams {
        var best = p
        for c in controls where best[keyPath: c.key] != 0 {
            var trial = best
            trial[keyPath: c.key] = 0
            if fails(trial) { best = trial }
        }
        var lo = 0.0, hi = 1.0  // fails at hi
        let full = best
        func scaled(_ t: Double) -> RigParams {
            var q = full
            for c in controls { q[keyPath: c.key] = full[keyPath: c.key] * t }
            return q
        }
        for _ in 0..<12 {
            let mid = (lo + hi) / 2
            if fails(scaled(mid)) { hi = mid } else { lo = mid }
        }
        return scaled(hi)
    }
}
