import Testing
@testable import FacecastCore

@Suite struct VisemeMappingTests {
    static let table: [(String, Viseme)] = [
        ("p", .PP), ("b", .PP), ("m", .PP),
        ("f", .FF), ("v", .FF),
        ("θ", .TH), ("ð", .TH),
        ("t", .DD), ("d", .DD), ("ɾ", .DD),
        ("k", .kk), ("ɡ", .kk), ("g", .kk), ("ŋ", .kk), ("h", .kk), ("x", .kk),
        ("tʃ", .CH), ("dʒ", .CH), ("ʃ", .CH), ("ʒ", .CH), ("t͡ʃ", .CH), ("d͡ʒ", .CH), ("tɕ", .CH), ("ʂ", .CH),
        ("s", .SS), ("z", .SS), ("ts", .SS), ("t͡s", .SS),
        ("n", .nn), ("l", .nn), ("ɲ", .nn), ("ɫ", .nn), ("n̩", .nn), ("l̩", .nn),
        ("ɹ", .RR), ("r", .RR), ("ɻ", .RR),
        ("w", .U), ("j", .I),
        ("æ", .aa), ("ɑː", .aa), ("a", .aa), ("aɪ", .aa), ("aʊ", .aa), ("ʌ", .aa), ("ɐ", .aa),
        ("eɪ", .E), ("e", .E), ("ɛ", .E), ("ə", .E), ("ɚ", .E), ("ɜː", .E),
        ("i", .I), ("iː", .I), ("ɪ", .I), ("ᵻ", .I),
        ("oʊ", .O), ("o", .O), ("ɔː", .O), ("ɔɪ", .O), ("ɒ", .O), ("ø", .O), ("œ", .O),
        ("u", .U), ("uː", .U), ("ʊ", .U), ("y", .U),
    ]

    @Test(arguments: table)
    func mapsPhone(_ phone: String, _ expected: Viseme) {
        #expect(VisemeMapping.viseme(forIPA: phone) == expected, "\(phone)")
    }

    @Test func ignoresStressLengthAndDiacritics() {
        let cases: [(String, Viseme)] = [
            ("ˈa", .aa), ("ˌɑː", .aa), ("ˈaɪ", .aa), ("ɑ̃", .aa), ("ã", .aa), ("ɛ̃", .E), ("œ̃", .O),
            ("tʰ", .DD), ("kʷ", .kk), ("pʲ", .PP), ("ˈuː", .U), ("i̯", .I), ("ə˞", .E), ("ma˥˩", .PP),
            ("ˈoʊ", .O), ("ʔ", .kk), ("é", .E), ("ü", .U),
        ]
        for (phone, expected) in cases {
            #expect(VisemeMapping.viseme(forIPA: phone) == expected, "\(phone)")
        }
    }

    @Test func emptyAndPausesAreSilence() {
        for phone in ["", " ", "_", "_:", "_!", "||", "|", ",", ".", "ˈ", "ː"] {
            #expect(VisemeMapping.viseme(forIPA: phone) == .silence, "\(phone.debugDescription)")
        }
    }

    @Test func unknownSymbolsFallBackToAnOpenMouth() {
        for phone in ["ʘ", "ǀ", "☃", "ж", "あ", "Q"] {
            let v = VisemeMapping.viseme(forIPA: phone)
            #expect(v != .silence && v != .PP, "\(phone)")
        }
    }

    @Test func everyLetterOfTheIPAChartGetsAMouthShape() {
        // Pulmonic consonants and vowels of the IPA chart: none may map to silence.
        let letters = "pbtdʈɖcɟkɡqɢʔmɱnɳɲŋɴʙrʀⱱɾɽɸβfvθðszʃʒʂʐçʝxɣχʁħʕhɦɬɮʋɹɻjɰlɭʎʟ"
            + "iyɨʉɯuɪʏʊeøɘɵɤoəɛœɜɞʌɔæɐaɶɑɒ"
        for s in letters {
            #expect(VisemeMapping.viseme(forIPA: String(s)) != .silence, "\(s)")
        }
    }

    @Test func detectsPrimaryStressOnly() {
        #expect(VisemeMapping.isStressed("ˈa"))
        #expect(VisemeMapping.isStressed("ˈaɪ"))
        #expect(VisemeMapping.isStressed("bˈɑː"))
        #expect(!VisemeMapping.isStressed("ˌa"))
        #expect(!VisemeMapping.isStressed("a"))
        #expect(!VisemeMapping.isStressed(""))
    }
}
