/// `<say-as>`: text rewritten so any voice reads it the intended way.
enum SayAs {
    static let kinds: Set<String> = ["characters", "spell-out", "cardinal", "number", "date"]

    static func expand(_ text: String, interpretAs: String, format: String?, language: String,
                       at fail: (String) -> ScriptMarkupError) throws(ScriptMarkupError) -> String {
        let t = text.trimmingSpaces
        switch interpretAs {
        case "characters", "spell-out":
            // Letters one by one: voices read a single letter by its name.
            return t.filter { !$0.isWhitespace }.map(String.init).joined(separator: " ")
        case "cardinal", "number":
            let digits = t.filter { $0 != "," && $0 != "_" && $0 != " " && $0 != "\u{202F}" && $0 != "'" }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }),
                  digits.dropFirst().allSatisfy({ $0 != "-" }) else {
                throw fail("say-as cardinal needs a number like 1234 or 1,234 (got \"\(t)\").")
            }
            return digits
        default:
            return try date(t, format: format ?? "ymd", language: language, at: fail)
        }
    }

    /// Dates as words for English; day, month and year in the language's usual order for other voices.
    static func date(_ t: String, format: String, language: String,
                     at fail: (String) -> ScriptMarkupError) throws(ScriptMarkupError) -> String {
        let fields = t.split { $0 == "-" || $0 == "/" || $0 == "." }.map { Int($0) }
        let order = Array(format)
        guard fields.count == order.count, fields.allSatisfy({ $0 != nil }), Set(order).isSubset(of: ["y", "m", "d"]),
              Set(order).count == order.count, !order.isEmpty else {
            throw fail("say-as date \"\(t)\" does not match format \"\(format)\" (y, m, d in order, e.g. ymd for 2024-03-05).")
        }
        var y: Int?, m: Int?, d: Int?
        for (f, v) in zip(order, fields) {
            switch f { case "y": y = v; case "m": m = v; default: d = v }
        }
        if let mm = m, !(1...12).contains(mm) { throw fail("say-as date \"\(t)\": month \(mm) is not 1–12.") }
        if let dd = d, !(1...31).contains(dd) { throw fail("say-as date \"\(t)\": day \(dd) is not 1–31.") }
        if language.lowercased().hasPrefix("en") {
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December"]
            var out = m.map { months[$0 - 1] } ?? ""
            if let d { out += out.isEmpty ? ordinal(d) : " \(ordinal(d))" }
            if let y { out += out.isEmpty ? "\(y)" : (d != nil ? ", \(y)" : " \(y)") }
            return out
        }
        // Other languages: the numbers in day-month-year order, which espeak-ng reads as a date in most of them.
        return [d, m, y].compactMap { $0 }.map(String.init).joined(separator: ".")
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }
}
