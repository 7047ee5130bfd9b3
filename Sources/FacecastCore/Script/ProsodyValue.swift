import RealModule

/// Values of `<prosody>` and `<break>` attributes, as SSML 1.1 writes them.
enum ProsodyValue {
    typealias Fail = (String) -> ScriptMarkupError

    /// "x-slow"…"x-fast", "80%" (of normal), "+10%" / "-20%" (relative), or a plain multiplier like "1.2".
    static func rate(_ v: String, at fail: Fail) throws(ScriptMarkupError) -> Double {
        let words = ["x-slow": 0.6, "slow": 0.8, "medium": 1.0, "default": 1.0, "fast": 1.25, "x-fast": 1.6]
        var result: Double?
        if let w = words[v] { result = w } else if v.hasSuffix("%"), let p = Double(v.dropLast()) {
            result = v.hasPrefix("+") || v.hasPrefix("-") ? 1 + p / 100 : p / 100
        } else if let m = Double(v) { result = m }
        guard let r = result, (0.3...3.0).contains(r) else {
            throw fail("rate \"\(v)\" must be x-slow, slow, medium, fast, x-fast, a percentage like 80% or +10%, or a multiplier from 0.3 to 3.")
        }
        return r
    }

    /// "x-low"…"x-high", "+2st" / "-3st" (semitones), or "+10%" / "-10%" (of the frequency). Returns semitones.
    static func pitch(_ v: String, at fail: Fail) throws(ScriptMarkupError) -> Double {
        let words = ["x-low": -6.0, "low": -3.0, "medium": 0.0, "default": 0.0, "high": 3.0, "x-high": 6.0]
        var result: Double?
        if let w = words[v] { result = w } else if v.hasSuffix("st"), let s = Double(v.dropLast(2)) {
            result = s
        } else if v.hasSuffix("%"), let p = Double(v.dropLast()), p > -100 {
            result = 12 * Double.log2(1 + p / 100)
        }
        guard let r = result, (-12.0...12.0).contains(r) else {
            throw fail("pitch \"\(v)\" must be x-low, low, medium, high, x-high, semitones like +2st, or a percentage like -10%, within an octave.")
        }
        return r
    }

    /// "silent"…"x-loud" or "+6dB" / "-3dB". Returns decibels ("silent" is -60 dB).
    static func volume(_ v: String, at fail: Fail) throws(ScriptMarkupError) -> Double {
        let words = ["silent": -60.0, "x-soft": -12.0, "soft": -6.0, "medium": 0.0, "default": 0.0, "loud": 4.0, "x-loud": 8.0]
        var result: Double?
        if let w = words[v] { result = w } else if v.lowercased().hasSuffix("db"), let d = Double(v.dropLast(2)) { result = d }
        guard let r = result, (-60.0...12.0).contains(r) else {
            throw fail("volume \"\(v)\" must be silent, x-soft, soft, medium, loud, x-loud, or decibels like +6dB (at most +12dB).")
        }
        return r
    }

    /// "500ms", "1.5s" or "2" (seconds).
    static func duration(_ v: String) -> Double? {
        if v.hasSuffix("ms"), let ms = Double(v.dropLast(2)) { return ms / 1000 }
        if v.hasSuffix("s"), let s = Double(v.dropLast()) { return s }
        return Double(v)
    }
}
