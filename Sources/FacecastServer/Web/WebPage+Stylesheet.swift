extension WebPage {
    static let stylesheet = #"""
:root { --fg: #1d2330; --muted: #5b6475; --accent: #2456d3; --bg: #f6f7fb; --card: #fff; --ok: #1d7a3a; --bad: #b3261e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 760px; margin: 0 auto; padding: 0 16px; }
header h1 { margin: 24px 0 4px; font-size: 1.8rem; }
.lead { margin: 0 0 16px; color: var(--muted); }
section { background: var(--card); border-radius: 12px; padding: 16px; margin: 0 0 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
h2 { margin: 0 0 12px; font-size: 1.15rem; }
label { display: block; font-weight: 600; margin: 8px 0 4px; }
input[type=password], textarea, select { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid #c8cdd8; border-radius: 8px; background: #fff; }
textarea { resize: vertical; }
.row { display: flex; gap: 12px; flex-wrap: wrap; }
.row > div { flex: 1 1 200px; }
.check { font-weight: 400; display: flex; gap: 8px; align-items: center; }
.check input { width: auto; }
.drop { border: 2px dashed #9aa3b5; border-radius: 12px; padding: 24px; text-align: center; cursor: pointer; font-weight: 400; color: var(--muted); }
.drop.over { border-color: var(--accent); background: #eef3ff; }
.drop input { display: block; margin: 12px auto 0; }
.stage { position: relative; display: inline-block; vertical-align: top; margin-top: 12px; max-width: 100%; line-height: 0; }
.stage img { display: block; max-width: 100%; height: auto; border-radius: 8px; }
.stage svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.status { min-height: 1.5em; margin: 8px 0 0; }
.status.ok { color: var(--ok); } .status.bad { color: var(--bad); }
.hint { color: var(--muted); margin: 4px 0 8px; font-size: .92rem; }
button { margin-top: 12px; font: inherit; font-weight: 600; padding: 10px 20px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; cursor: pointer; width: 100%; }
button:disabled { background: #9aa3b5; cursor: not-allowed; }
progress { width: 100%; height: 18px; }
video { display: block; width: 100%; max-height: 70vh; margin-top: 12px; border-radius: 8px; background: #000; }
.downloads a { display: inline-block; margin: 12px 12px 0 0; color: var(--accent); font-weight: 600; }
.jobs { list-style: none; padding: 0; margin: 0; }
.jobs li { display: flex; gap: 8px; flex-wrap: wrap; justify-content: space-between; padding: 8px 0; border-bottom: 1px solid #eceef3; }
.jobs .text { flex: 1 1 240px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.badge { font-size: .85rem; padding: 2px 8px; border-radius: 999px; background: #eceef3; }
.badge.done { background: #dff3e5; color: var(--ok); } .badge.failed { background: #fbe3e1; color: var(--bad); }
footer { padding: 8px 16px 32px; color: var(--muted); }
footer a { color: var(--muted); }
@media (max-width: 480px) { header h1 { font-size: 1.5rem; } section { padding: 12px; } }
"""#
}
