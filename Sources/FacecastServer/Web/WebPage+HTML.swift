extension WebPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Facecast — talking video from one photo</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header>
  <h1>Facecast</h1>
  <p class="lead">One photo and a script in, a talking video out. Everything is rendered on this server; every video is labelled as AI-generated.</p>
</header>
<main>
  <section id="key-section" hidden aria-labelledby="key-heading">
    <h2 id="key-heading">API key</h2>
    <label for="api-key">Your API key</label>
    <input id="api-key" type="password" autocomplete="off" placeholder="fc_…">
    <p class="hint">This server needs a key (ask its operator). It is kept in this browser only.</p>
  </section>

  <section aria-labelledby="photo-heading">
    <h2 id="photo-heading">1. Photo</h2>
    <label id="drop" for="photo" class="drop">
      <span>Drop a portrait photo here, or click to choose one (JPEG, PNG or WebP)</span>
      <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp">
    </label>
    <div id="stage" class="stage" hidden>
      <img id="photo-preview" alt="The uploaded photo">
      <svg id="face-overlay" aria-hidden="true"></svg>
    </div>
    <p id="photo-status" class="status" role="status" aria-live="polite"></p>
  </section>

  <section aria-labelledby="script-heading">
    <h2 id="script-heading">2. Script</h2>
    <label for="script">What should the person say?</label>
    <textarea id="script" rows="5" maxlength="5000" placeholder="Hello! Welcome to our shop."></textarea>
    <p id="script-count" class="hint" aria-live="polite">0 / 5000 characters · about 0 s</p>
    <div class="row">
      <div>
        <label for="voice">Voice and language</label>
        <select id="voice"><option value="en-us">English (America)</option></select>
      </div>
      <div>
        <label for="size">Size</label>
        <select id="size">
          <option value="photo:720">Whole photo, 720 px</option>
          <option value="photo:1280">Whole photo, 1280 px</option>
          <option value="crop:512" selected>Head crop, 512 px (fastest)</option>
        </select>
      </div>
    </div>
    <label class="check"><input id="captions" type="checkbox" checked> Captions (WebVTT, from the word timings)</label>
    <button id="start" type="button" disabled>Make the video</button>
  </section>

  <section aria-labelledby="progress-heading">
    <h2 id="progress-heading">3. Video</h2>
    <label for="progress">Progress</label>
    <progress id="progress" max="1" value="0"></progress>
    <p id="job-status" class="status" role="status" aria-live="polite">Nothing rendered yet.</p>
    <video id="result" controls playsinline hidden aria-label="The rendered video"></video>
    <p id="downloads" class="downloads" hidden>
      <a id="download-mp4" download>Download MP4</a>
      <a id="download-vtt" download hidden>Download captions (WebVTT)</a>
    </p>
  </section>

  <section aria-labelledby="jobs-heading">
    <h2 id="jobs-heading">Your videos</h2>
    <ul id="jobs" class="jobs"></ul>
  </section>
</main>
<footer><a href="/openapi.json">REST API (OpenAPI)</a></footer>
<script src="/app.js"></script>
</body>
</html>
"""#
}
