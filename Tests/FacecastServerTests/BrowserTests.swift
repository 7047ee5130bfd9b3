import FacecastTesting
import Foundation
import Testing

/// The web page in headless Chromium: upload, face outline, script, start, live progress, the video plays.
/// Screenshots go to out/browser-*.png.
@Suite struct BrowserTests {
    @Test func thePageMakesAVideoThatPlays() async throws {
        let data = try Fixtures.temporaryDirectory()
        let server = try ServerProcess(data: data, extra: ["--open"])
        let browser = try await WebDriver()
        let out = Fixtures.root.appendingPathComponent("out").path
        do {
            try await browser.open(server.base + "/")
            try await browser.wait("document.getElementById('voice').options.length > 50", seconds: 20)
            // Labels are tied to their controls.
            let unlabelled = try await browser.run("""
                return [...document.querySelectorAll('input:not([type=hidden]), textarea, select, progress')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id);
                """) as? [Any]
            #expect(unlabelled?.isEmpty == true, "controls without labels: \(unlabelled ?? [])")

            try await browser.type("#photo", try Fixtures.path("astronaut.png"))
            try await browser.wait("document.getElementById('photo-status').classList.contains('ok')", seconds: 30)
            let landmarks = try await browser.run("return document.getElementById('face-overlay').getAttribute('data-landmarks');") as? String
            #expect(landmarks == "68")
            #expect(try await browser.run("return document.querySelectorAll('#face-overlay polygon, #face-overlay polyline').length;") as? Int == 9)
            // The outline is drawn over the picture itself: overlay and image occupy the same box.
            let boxes = try await browser.run("""
                const a = document.getElementById('photo-preview').getBoundingClientRect(), b = document.getElementById('face-overlay').getBoundingClientRect();
                return [a.left - b.left, a.top - b.top, a.width - b.width, a.height - b.height].map(Math.abs);
                """) as? [Double] ?? [99]
            #expect(boxes.allSatisfy { $0 < 1 }, "overlay misaligned with the photo: \(boxes)")

            try await browser.type("#script", "Hello from the web page.")
            let count = try await browser.run("return document.getElementById('script-count').textContent;") as? String
            #expect(count?.hasPrefix("24 / 5000 characters · about 2 s") == true, "\(count ?? "")")
            try await browser.screenshot(to: out + "/browser-1-photo-and-script.png")

            try await browser.click("#start")
            try await browser.wait("document.getElementById('job-status').textContent.startsWith('Rendering') || document.getElementById('job-status').textContent.startsWith('Done')", seconds: 30)
            _ = try await browser.run("document.getElementById('progress-heading').scrollIntoView();")
            try await browser.screenshot(to: out + "/browser-2-progress.png")
            try await browser.wait("document.getElementById('job-status').textContent.startsWith('Done')", seconds: 120)

            // The video element loads and plays the MP4.
            let playback = try await browser.run("""
                const done = arguments[arguments.length - 1];
                const v = document.getElementById('result');
                v.muted = true;
                v.play().then(() => setTimeout(() => done({paused: v.paused, time: v.currentTime, width: v.videoWidth,
                  height: v.videoHeight, ready: v.readyState, error: v.error ? v.error.code : 0}), 1200),
                  (e) => done({error: String(e)}));
                """, async: true) as? [String: Any] ?? [:]
            #expect(playback["error"] as? Int == 0, "\(playback)")
            #expect(playback["paused"] as? Bool == false)
            #expect((playback["time"] as? Double ?? 0) > 0.3, "\(playback)")
            #expect(playback["width"] as? Int == 512)
            #expect(try await browser.run("return document.getElementById('download-mp4').getAttribute('href');") as? String
                    != nil)
            #expect(try await browser.run("return document.querySelectorAll('#jobs li').length;") as? Int == 1)
            // The captions link is shown beside the MP4's.
            #expect(try await browser.run("return document.getElementById('download-vtt').offsetParent !== null;") as? Bool == true)
            _ = try await browser.run("document.getElementById('progress-heading').scrollIntoView();")
            try await browser.screenshot(to: out + "/browser-3-playing.png")

            // A phone-sized window: nothing wider than the screen.
            try await browser.resize(width: 390, height: 844)
            let overflow = try await browser.run("return document.documentElement.scrollWidth <= window.innerWidth + 1;") as? Bool
            #expect(overflow == true)
            _ = try await browser.run("window.scrollTo(0, 0);")
            try await browser.screenshot(to: out + "/browser-4-phone.png")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        _ = server.terminate()
    }
}
