import FacecastCore
import Testing

@Suite struct ScriptMarkupTests {
    func parts(_ s: String, language: String = "en") throws -> [SpokenScript.Part] { try SpokenScript.read(s, language: language).parts }

    func error(_ s: String) -> ScriptMarkupError? {
        do { _ = try SpokenScript.read(s); return nil } catch { return error }
    }

    @Test func plainTextIsSpokenAsItIsEvenWithAngleBrackets() throws {
        #expect(try parts("If a < b and c > d, say so & go.") == [.speech("If a < b and c > d, say so & go.", SpeechStyle())])
    }

    @Test func breaksEmphasisAndProsody() throws {
        let p = try parts("""
            <speak>Hello <break time="750ms"/> world.
            <emphasis level="strong">Really</emphasis> <prosody rate="slow" pitch="+2st" volume="-6dB">quietly now</prosody></speak>
            """)
        var strong = SpeechStyle()
        strong.emphasis = true
        strong.rate = 0.85
        strong.pitchSemitones = 2
        strong.volumeDecibels = 2
        var quiet = SpeechStyle()
        quiet.rate = 0.8
        quiet.pitchSemitones = 2
        quiet.volumeDecibels = -6
        #expect(p == [.speech("Hello", SpeechStyle()), .pause(0.75), .speech("world.", SpeechStyle()),
                      .speech("Really", strong), .speech("quietly now", quiet)])
    }

    @Test func nestedProsodyMultipliesRatesAndAddsPitch() throws {
        let p = try parts(#"<prosody rate="50%"><prosody rate="+20%" pitch="-10%">x</prosody></prosody>"#)
        guard case .speech("x", let style)? = p.first else { Issue.record("no speech: \(p)"); return }
        #expect(abs(style.rate - 0.6) < 1e-12)
        #expect(abs(style.pitchSemitones - (-1.824)) < 0.01)
    }

    @Test func sayAsRewritesCharactersNumbersAndDates() throws {
        #expect(try parts(#"Call <say-as interpret-as="characters">NASA</say-as> now."#) == [.speech("Call N A S A now.", SpeechStyle())])
        #expect(try parts(#"<say-as interpret-as="cardinal">12,345</say-as> people"#) == [.speech("12345 people", SpeechStyle())])
        #expect(try parts(#"On <say-as interpret-as="date" format="dmy">3/5/2024</say-as>."#)
                == [.speech("On May 3rd, 2024.", SpeechStyle())])
        #expect(try parts(#"Am <say-as interpret-as="date">2024-05-03</say-as>"#, language: "de") == [.speech("Am 3.5.2024", SpeechStyle())])
    }

    @Test func sentencesAndParagraphsPause() throws {
        let p = try parts("<p><s>One.</s><s>Two.</s></p><p>Three.</p>")
        #expect(p == [.speech("One.", SpeechStyle()), .pause(0.25), .speech("Two.", SpeechStyle()), .pause(0.85),
                      .speech("Three.", SpeechStyle())])
    }

    @Test func entitiesAreDecoded() throws {
        #expect(try parts("<s>Fish &amp; chips &lt;3 &#233;t&#xE9;</s>") == [.speech("Fish & chips <3 été", SpeechStyle())])
    }

    @Test func displayTextDropsTheMarkup() throws {
        let s = try SpokenScript.read(#"<speak>Hi <break/> there, <emphasis>you</emphasis>!</speak>"#)
        #expect(s.displayText == "Hi there, you!")
    }

    @Test(arguments: [
        ("<speak>Hi <emphasis>there</speak>", 1, 26, "does not match"),
        ("Hello\n  <prosody rate=\"warp\">x</prosody>", 2, 12, "rate \"warp\""),
        ("Hi <break time=\"soon\"/>", 1, 11, "break time"),
        ("<speak>Hi <bold>x</bold></speak>", 1, 11, "unknown tag <bold>"),
        ("<s>Tom & Jerry</s>", 1, 8, "&amp;"),
        ("<s>never closed", 1, 1, "never closed"),
        ("<say-as interpret-as=\"shout\">x</say-as>", 1, 9, "not supported"),
        ("<emphasis level=loud>x</emphasis>", 1, 17, "in quotes"),
        ("<break time=\"1s\">x</break>", 1, 1, "takes no content"),
        ("<p>a</p>\n\n<prosody volume=\"+40dB\">b</prosody>", 3, 10, "volume"),
    ])
    func malformedMarkupSaysWhereAndWhat(input: String, line: Int, column: Int, phrase: String) {
        let e = error(input)
        #expect(e != nil)
        #expect(e?.line == line, "\(String(describing: e))")
        #expect(e?.column == column, "\(String(describing: e))")
        #expect(e?.message.contains(phrase) == true, "\(String(describing: e))")
    }
}

extension ScriptMarkupTests {
    @Test func captionsShowSpelledWordsAsWrittenAndKeepPunctuationOnItsWord() throws {
        let s = try SpokenScript.read(#"<speak>This is <prosody rate="slow">important</prosody>. Call <say-as interpret-as="characters">NASA</say-as> on <say-as interpret-as="date" format="dmy">3/5/2024</say-as>.</speak>"#)
        #expect(s.displayText == "This is important. Call NASA on May 3rd, 2024.")
        var slow = SpeechStyle()
        slow.rate = 0.8
        #expect(s.parts == [.speech("This is", SpeechStyle()), .speech("important.", slow),
                            .speech("Call N A S A on May 3rd, 2024.", SpeechStyle())])
    }
}
