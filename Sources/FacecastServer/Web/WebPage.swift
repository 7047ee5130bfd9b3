/// The web page at `/`: plain HTML, CSS and JavaScript served by the server (no external CDN).
enum WebPage {}
