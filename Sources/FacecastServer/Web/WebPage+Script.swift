extension WebPage {
    static let script = #"""
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { avatar: null, needsKey: false, job: null, maxChars: 5000 };

  function key() { return ($("api-key").value || "").trim(); }
  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (state.needsKey && key()) h["Authorization"] = "Bearer " + key();
    return h;
  }
  async function api(path, options) {
    const o = Object.assign({}, options || {});
    o.headers = headers(o.headers);
    const r = await fetch(path, o);
    let body = null;
    const type = r.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) body = await r.json();
    if (!r.ok) {
      const message = body && body.error ? body.error.message : ("The server answered " + r.status + ".");
      const e = new Error(message); e.status = r.status; throw e;
    }
    return body;
  }
  function say(el, text, kind) { el.textContent = text; el.className = "status" + (kind ? " " + kind : ""); }

  // --- Photo: upload, face check, outline -------------------------------------------------------
  const drop = $("drop"), input = $("photo");
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]); });
  input.addEventListener("change", () => { if (input.files.length) upload(input.files[0]); });

  async function upload(file) {
    state.avatar = null; updateStart();
    const status = $("photo-status");
    $("photo-preview").src = URL.createObjectURL(file);
    $("stage").hidden = false;
    $("face-overlay").innerHTML = "";
    say(status, "Looking for a face…");
    const form = new FormData();
    form.append("photo", file);
    try {
      const avatar = await api("/v1/avatars", { method: "POST", body: form });
      state.avatar = avatar;
      outline(avatar);
      say(status, "Face found" + (avatar.faces_found > 1 ? " (the largest of " + avatar.faces_found + ")" : "") + ". Ready.", "ok");
    } catch (e) {
      say(status, e.message, "bad");
    }
    updateStart();
  }

  function outline(avatar) {
    const svg = $("face-overlay");
    svg.setAttribute("viewBox", "0 0 " + avatar.width + " " + avatar.height);
    svg.setAttribute("preserveAspectRatio", "none");
    const p = avatar.face.landmarks, b = avatar.face.box;
    const w = Math.max(2, avatar.face.interocular_distance / 30);
    const groups = [[0, 16, false], [17, 21, false], [22, 26, false], [27, 30, false], [31, 35, false],
                    [36, 41, true], [42, 47, true], [48, 59, true], [60, 67, true]];
    let html = '<rect x="' + b.x + '" y="' + b.y + '" width="' + b.width + '" height="' + b.height +
      '" fill="none" stroke="#22c55e" stroke-width="' + w + '"/>';
    for (const [a, z, closed] of groups) {
      const pts = p.slice(a, z + 1).map((q) => q.x.toFixed(1) + "," + q.y.toFixed(1)).join(" ");
      html += "<" + (closed ? "polygon" : "polyline") + ' points="' + pts + '" fill="none" stroke="#facc15" stroke-width="' + (w * 0.7) + '"/>';
    }
    svg.innerHTML = html;
    svg.setAttribute("data-landmarks", String(p.length));
  }

  // --- Script: count and estimated duration -----------------------------------------------------
  const script = $("script");
  function estimateSeconds(text) {
    const words = (text.match(/[\p{L}\p{N}']+/gu) || []).length;
    const pauses = (text.match(/[.!?;:,]+/g) || []).length;
    return words / (175 / 60) + pauses * 0.25;   // espeak-ng speaks about 175 words a minute
  }
  function updateCount() {
    const t = script.value;
    $("script-count").textContent = t.length + " / " + state.maxChars + " characters · about " + Math.round(estimateSeconds(t)) + " s";
    updateStart();
  }
  script.addEventListener("input", updateCount);
  function updateStart() { $("start").disabled = !(state.avatar && script.value.trim().length > 0); }

  // --- Voices ------------------------------------------------------------------------------------
  async function loadVoices() {
    try {
      const list = await api("/v1/voices");
      const select = $("voice");
      select.innerHTML = "";
      for (const v of list.voices) {
        const o = document.createElement("option");
        o.value = v.id; o.textContent = v.name + " (" + v.language + (v.engine === "neural" ? ", natural" : "") + ")";
        if (v.id === "neural:joe") o.selected = true;
        select.appendChild(o);
      }
    } catch (e) { /* keep the default; the key may still be missing */ }
  }

  // --- Start, follow progress, show the result ----------------------------------------------------
  $("start").addEventListener("click", start);
  async function start() {
    const [framing, size] = $("size").value.split(":");
    const status = $("job-status");
    $("start").disabled = true;
    $("result").hidden = true; $("downloads").hidden = true;
    $("progress").value = 0;
    try {
      const job = await api("/v1/videos", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ avatar_id: state.avatar.id,
          script: { text: script.value, voice: $("voice").value },
          options: { framing: framing, size: Number(size), captions: $("captions").checked } }) });
      state.job = job.id;
      say(status, "Queued…");
      loadJobs();
      await follow(job.id);
    } catch (e) {
      say(status, e.message, "bad");
    }
    updateStart();
    loadJobs();
  }

  // Server-Sent Events read with fetch, so the API key can go in a header.
  async function follow(id) {
    const r = await fetch("/v1/videos/" + id + "/events", { headers: headers() });
    if (!r.ok) throw new Error("Could not follow the video (" + r.status + ").");
    const reader = r.body.getReader(), decoder = new TextDecoder();
    let buffer = "", last = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (data) { last = JSON.parse(data); show(last); }
      }
    }
    return last;
  }

  async function show(video) {
    const status = $("job-status");
    $("progress").value = video.progress;
    if (video.status === "queued") say(status, "Queued…");
    else if (video.status === "rendering") say(status, "Rendering… " + Math.round(video.progress * 100) + " %");
    else if (video.status === "failed") say(status, "Failed: " + (video.error || "unknown error"), "bad");
    else if (video.status === "done") {
      say(status, "Done: " + video.result.duration.toFixed(1) + " s of video, rendered in " + video.result.render_seconds.toFixed(1) + " s.", "ok");
      const player = $("result");
      player.src = await mediaURL(video.links.video);
      player.poster = await mediaURL(video.links.poster);
      player.hidden = false;
      $("download-mp4").href = player.src;
      $("download-mp4").setAttribute("download", video.id + ".mp4");
      const vtt = $("download-vtt");
      if (video.links.captions) { vtt.href = await mediaURL(video.links.captions); vtt.hidden = false; } else { vtt.hidden = true; }
      $("downloads").hidden = false;
    }
  }

  // With an API key, media is fetched with the header and shown from a blob URL.
  async function mediaURL(path) {
    if (!state.needsKey) return path;
    const r = await fetch(path, { headers: headers() });
    return URL.createObjectURL(await r.blob());
  }

  // --- Job list -------------------------------------------------------------------------------------
  async function loadJobs() {
    let list;
    try { list = await api("/v1/videos"); } catch (e) { return; }
    const ul = $("jobs");
    ul.innerHTML = "";
    if (!list.videos.length) { const li = document.createElement("li"); li.textContent = "No videos yet."; ul.appendChild(li); }
    for (const v of list.videos) {
      const li = document.createElement("li");
      const text = document.createElement("span"); text.className = "text"; text.textContent = v.script.text;
      const badge = document.createElement("span"); badge.className = "badge " + v.status;
      badge.textContent = v.status === "rendering" ? "rendering " + Math.round(v.progress * 100) + " %" : v.status;
      li.appendChild(text); li.appendChild(badge);
      if (v.status === "done") {
        const a = document.createElement("a"); a.textContent = "Play"; a.href = "#";
        a.addEventListener("click", (e) => { e.preventDefault(); show(v); $("result").scrollIntoView(); });
        li.appendChild(a);
      }
      ul.appendChild(li);
    }
  }

  // --- Start-up ---------------------------------------------------------------------------------------
  async function init() {
    const health = await api("/healthz");
    state.needsKey = health.auth !== "open";
    if (state.needsKey) {
      $("key-section").hidden = false;
      $("api-key").value = localStorage.getItem("facecast.key") || "";
      $("api-key").addEventListener("change", () => { localStorage.setItem("facecast.key", key()); loadVoices(); loadJobs(); });
    }
    updateCount();
    loadVoices();
    loadJobs();
  }
  init();
})();
"""#
}
