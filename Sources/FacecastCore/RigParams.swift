/// The animation controls of the face rig at one instant. Unitless controls are 0…1
/// (lipsWide, smile and the brow/gaze controls may go slightly negative where noted); angles in degrees.
public struct RigParams: Sendable, Hashable, Codable {
    // Mouth
    public var jawOpen: Double = 0  // 0 closed … 1 widest open (about one lip-height of opening)
    public var lipsWide: Double = 0  // spread lips (E, I); negative narrows
    public var lipsRound: Double = 0  // rounded, protruded lips (O, U, W)
    public var lipPress: Double = 0  // lips pressed together (p, b, m)
    public var upperLipRaise: Double = 0  // upper lip lifted (shows upper teeth)
    public var lowerLipTuck: Double = 0  // lower lip tucked under the upper teeth (f, v)
    public var tongueUp: Double = 0  // tongue tip visible behind upper teeth (l, th, d)
    public var smile: Double = 0
    /// 0…1: how much of the photo's own mouth opening the jaw keeps at rest. The performance raises it while
    /// speaking (a face photographed mid-word or smiling with its teeth talks from that mouth) and lowers it in
    /// pauses, where the lips relax shut. Pressed lips close whatever it is.
    public var photoMouth: Double = 0
    // Eyes and brows
    public var blinkL: Double = 0  // subject's left eye: 0 open … 1 closed
    public var blinkR: Double = 0
    public var squint: Double = 0
    public var browRaise: Double = 0
    public var browFurrow: Double = 0
    public var gazeX: Double = 0  // -1 … 1, + = towards image right
    public var gazeY: Double = 0  // -1 … 1, + = down
    // Head, about a neck pivot
    public var headYaw: Double = 0  // degrees, + = subject turns towards image right
    public var headPitch: Double = 0  // degrees, + = nod down
    public var headRoll: Double = 0  // degrees, + = clockwise in the image
    public var headShiftX: Double = 0  // fraction of inter-ocular distance
    public var headShiftY: Double = 0
    public var breath: Double = 0  // 0 … 1 chest/shoulder rise

    public init() {}

    public static let neutral = RigParams()
}
