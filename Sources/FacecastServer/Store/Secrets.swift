import Crypto
import Foundation

/// Random identifiers and secrets, API key hashing and constant-time comparison.
public enum Secrets {
    /// `bytes` random bytes from the system CSPRNG, as lowercase hex.
    public static func random(bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// A new id with a readable prefix: `vid_3f9a…` (16 random bytes).
    public static func id(_ prefix: String) -> String { "\(prefix)_\(random(bytes: 12))" }

    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two strings without an early exit, so timing does not reveal how many leading bytes matched.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }

    /// HMAC-SHA256 of `message` under `key`, lowercase hex.
    public static func hmacSHA256Hex(key: String, message: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
