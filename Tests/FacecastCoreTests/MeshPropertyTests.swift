import Testing
@testable import FacecastCore

/// Every property evaluated once over one rig's draws; the tests below share it (one static per rig, so each
/// rig is swept once however many tests read it).
struct MeshSweepResult: Sendable {
    let layout: MeshLayout
    let draws: [MeshSweep.Draw]
    /// Per draw.
    var folds: [MeshLayout.Folds] = []
    var border: [(distance: Double, at: Int)?] = []
    var crossings: [(lips: Double, lids: Double)] = []
    var stretch: [MeshLayout.Stretch] = []
    /// The scan here and `Rig.smallestTriangleAreaRatio` agree exactly on the first draws.
    var scanMatchesRig = true

    init(_ c: MeshRigCase) {
        let rig = c.rig
        layout = MeshLayout(rig)
        draws = MeshSweep.draws(for: c)
        for (k, d) in draws.enumerated() {
            let m = rig.deformedMesh(d.params)
            let api = rig.smallestTriangleAreaRatio(d.params)
            // The rig's optimised diagnostic decides the common case; only meshes with a non-positive triangle
            // somewhere are scanned here to tell closing-slit slivers from folds.
            if api > 0 && k >= 10 {
                folds.append(MeshLayout.Folds(outside: (api, 0), slivers: (api, 0)))
            } else {
                let f = layout.folds(m.x, m.y)
                if min(f.outside.ratio, f.slivers.ratio) != api { scanMatchesRig = false }
                folds.append(f)
            }
            border.append(layout.borderMotion(m.x, m.y, m.moved))
            crossings.append(MeshLayout.crossings(rig.deformedLandmarks(d.params)))
            stretch.append(layout.stretch(m.x, m.y))
        }
    }
}

extension MeshRigCase {
    var sweep: MeshSweepResult {
        switch self {
        case .closed: Self.closedSweep
        case .openSource: Self.openSourceSweep
        case .tiny: Self.tinySweep
        case .small: Self.smallSweep
        case .large: Self.largeSweep
        case .rotatedCW: Self.rotatedCWSweep
        case .rotatedCCW: Self.rotatedCCWSweep
        case .yawed: Self.yawedSweep
        case .corner: Self.cornerSweep
        }
    }

    static let closedSweep = MeshSweepResult(.closed)
    static let openSourceSweep = MeshSweepResult(.openSource)
    static let tinySweep = MeshSweepResult(.tiny)
    static let smallSweep = MeshSweepResult(.small)
    static let largeSweep = MeshSweepResult(.large)
    static let rotatedCWSweep = MeshSweepResult(.rotatedCW)
    static let rotatedCCWSweep = MeshSweepResult(.rotatedCCW)
    static let yawedSweep = MeshSweepResult(.yawed)
    static let cornerSweep = MeshSweepResult(.corner)
}

/// Properties of the warp mesh over the whole parameter space, on rigs of different sizes, rotations and
/// positions: no triangle folds, the crop's outer band never moves, lips and lids never pass through each
/// other, neighbouring vertices never tear apart. A failure names the rig, how many draws fail, the worst one
/// (overall and within the performance layer's range) and a shrunk reproducer.
@Suite struct MeshPropertyTests {
    /// Lips and lids may cross by this much (px) before it counts: a tenth of a pixel is far beyond rounding
    /// (expression-only sweeps stay within 1e-4 px) and still invisible, so only a systematic crossing trips it.
    static let crossingTolerance = 0.1
    /// Neighbouring vertices' displacements may differ by at most this many inter-ocular distances anywhere:
    /// jawOpen 1.25 parts the inner lips by 0.44 and one mesh edge may span the whole closed slit (expression-only
    /// sweeps peak at 0.38, across the lips of the rotated face); more is a tear.
    static let maxJump = 0.5
    /// Away from the openings (beyond `MeshLayout.featureZone`), a mesh edge's displacement difference may be at
    /// most this multiple of its rest length. Expression-only sweeps peak at 0.71 (frontal faces, brows) and 0.96
    /// (rolled faces); 1.5 stretches an edge to 2.5x, a visible smear.
    static let maxStrain = 1.5

    /// Summarises the failing draws of one property and shrinks the worst overall and the worst within the
    /// performance range to small reproducers.
    func report(_ c: MeshRigCase, _ what: String, failing: [Int], severity: (Int) -> Double,
                detail: (Int) -> String, fails: (RigParams) -> Bool, shrunkDetail: (RigParams) -> String) -> Comment {
        let sweep = c.sweep
        let perf = failing.filter { sweep.draws[$0].kind == "performance range" }
        var lines = ["\(failing.count) of \(sweep.draws.count) parameter sets \(what) on the \(c) rig "
            + "(\(perf.count) of them within the performance layer's range)."]
        for (label, pick) in [("worst", failing.max { severity($0) < severity($1) }),
                              ("worst within the performance range", perf.max { severity($0) < severity($1) })] {
            guard let k = pick else { continue }
            let d = sweep.draws[k]
            let shrunk = MeshSweep.shrink(d.params, fails)
            lines.append("\(label): \(detail(k)) for the \(d.kind) draw [\(MeshSweep.describe(d.params))]; "
                + "shrunk to [\(MeshSweep.describe(shrunk))]: \(shrunkDetail(shrunk))")
        }
        return Comment(rawValue: lines.joined(separator: "\n"))
    }

    @Test(arguments: MeshRigCase.allCases)
    func noTriangleFolds(_ c: MeshRigCase) {
        let sweep = c.sweep, layout = sweep.layout
        #expect(sweep.scanMatchesRig, "the test's triangle scan disagrees with Rig.smallestTriangleAreaRatio")
        let failing = sweep.folds.indices.filter { sweep.folds[$0].failed }
        guard !failing.isEmpty else { return }
        func describe(_ f: MeshLayout.Folds) -> String {
            "area ratio \(f.outside.ratio) at \(layout.whereIs(f.outside.at)), closing-slit sliver ratio "
                + "\(f.slivers.ratio) at \(layout.whereIs(f.slivers.at))"
        }
        Issue.record(report(c, "fold triangles", failing: failing, severity: { sweep.folds[$0].severity },
                            detail: { describe(sweep.folds[$0]) }, fails: { layout.folds($0).failed },
                            shrunkDetail: { describe(layout.folds($0)) }))
    }

    @Test(arguments: MeshRigCase.allCases)
    func cropBorderAndOuterBandNeverMove(_ c: MeshRigCase) {
        let sweep = c.sweep, layout = sweep.layout
        #expect(layout.outerBand.count > 4 * layout.columns)
        let failing = sweep.border.indices.filter { sweep.border[$0] != nil }
        guard !failing.isEmpty else { return }
        func moved(_ p: RigParams) -> (distance: Double, at: Int)? {
            let m = c.rig.deformedMesh(p)
            return layout.borderMotion(m.x, m.y, m.moved)
        }
        Issue.record(report(c, "move the crop's outer band", failing: failing,
                            severity: { sweep.border[$0]!.distance },
                            detail: { "\(sweep.border[$0]!.distance) px at \(layout.whereIs(sweep.border[$0]!.at))" },
                            fails: { moved($0) != nil },
                            shrunkDetail: { p in moved(p).map { "\($0.distance) px at \(layout.whereIs($0.at))" } ?? "" }))
    }

    @Test(arguments: MeshRigCase.allCases)
    func lipsAndLidsNeverCross(_ c: MeshRigCase) {
        let sweep = c.sweep
        let tol = Self.crossingTolerance
        let failing = sweep.crossings.indices.filter { min(sweep.crossings[$0].lips, sweep.crossings[$0].lids) < -tol }
        guard !failing.isEmpty else { return }
        func describe(_ g: (lips: Double, lids: Double)) -> String {
            "inner lips \(g.lips) px, lids \(g.lids) px apart (negative = crossed; tolerance \(tol) px)"
        }
        func gaps(_ p: RigParams) -> (lips: Double, lids: Double) { MeshLayout.crossings(c.rig.deformedLandmarks(p)) }
        Issue.record(report(c, "cross the lips or lids", failing: failing,
                            severity: { -min(sweep.crossings[$0].lips, sweep.crossings[$0].lids) },
                            detail: { describe(sweep.crossings[$0]) },
                            fails: { min(gaps($0).lips, gaps($0).lids) < -tol },
                            shrunkDetail: { describe(gaps($0)) }))
    }

    @Test(arguments: MeshRigCase.allCases)
    func neighboursNeverTearApart(_ c: MeshRigCase) {
        let sweep = c.sweep, layout = sweep.layout
        func fails(_ s: MeshLayout.Stretch) -> Bool {
            !s.finite || s.jump.value > Self.maxJump || s.strain.value > Self.maxStrain
        }
        let failing = sweep.stretch.indices.filter { fails(sweep.stretch[$0]) }
        guard !failing.isEmpty else { return }
        func describe(_ s: MeshLayout.Stretch) -> String {
            (s.finite ? "" : "non-finite positions; ")
                + "largest neighbour displacement difference \(s.jump.value) iod (limit \(Self.maxJump)) at "
                + "\(layout.whereIs(s.jump.at)), largest strain outside the openings \(s.strain.value) "
                + "(limit \(Self.maxStrain)) at \(layout.whereIs(s.strain.at))"
        }
        func stretch(_ p: RigParams) -> MeshLayout.Stretch {
            let m = c.rig.deformedMesh(p)
            return layout.stretch(m.x, m.y)
        }
        Issue.record(report(c, "tear neighbouring vertices apart", failing: failing,
                            severity: { max(sweep.stretch[$0].jump.value / Self.maxJump,
                                            sweep.stretch[$0].strain.value / Self.maxStrain) },
                            detail: { describe(sweep.stretch[$0]) }, fails: { fails(stretch($0)) },
                            shrunkDetail: { describe(stretch($0)) }))
    }
}
